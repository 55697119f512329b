import { articlePath, isAppPath, parseRoute } from './routes';

describe('a path typed into the address bar', () => {
  it('opens the shop at the root', () => {
    expect(parseRoute('/')).toEqual({ page: 'shop' });
  });

  it('opens the architecture, health, operations and article list pages, with or without a trailing slash', () => {
    expect(parseRoute('/architecture')).toEqual({ page: 'architecture' });
    expect(parseRoute('/ops/')).toEqual({ page: 'ops' });
    expect(parseRoute('/health/')).toEqual({ page: 'health' });
    expect(parseRoute('/chaos')).toEqual({ page: 'chaos' });
    expect(parseRoute('/articles')).toEqual({ page: 'articles' });
  });

  it('opens an article by its slug', () => {
    expect(parseRoute('/articles/transactional-outbox')).toEqual({ page: 'article', slug: 'transactional-outbox' });
    expect(parseRoute(articlePath('saga-vs-two-phase-commit'))).toEqual({ page: 'article', slug: 'saga-vs-two-phase-commit' });
  });

  it('refuses a slug that is not plain lower-case words, so it never reaches the API as a path', () => {
    expect(parseRoute('/articles/..%2F..%2Fetc').page).toBe('not-found');
    expect(parseRoute('/articles/%E0%A4%A').page).toBe('not-found');
    expect(parseRoute('/articles/a/b').page).toBe('not-found');
  });

  it('is not handled by the app when it is a server path such as /source or /api', () => {
    expect(isAppPath('/source/apps/product/bff-web/src/main.ts')).toBe(false);
    expect(isAppPath('/api/demo/order')).toBe(false);
    expect(isAppPath('/api/ops/checkouts')).toBe(false);
    expect(isAppPath('/health')).toBe(true);
  });
});
