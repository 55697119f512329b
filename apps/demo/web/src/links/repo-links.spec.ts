import { repoFileUrl, rewriteArticleHref } from './repo-links';

const context = {
  repoBaseUrl: 'https://github.com/acme/checkout/blob/main',
  articleSlugs: ['saga-vs-two-phase-commit', 'transactional-outbox'],
};

describe('a "View source" link', () => {
  it('joins the base URL and the path with exactly one slash', () => {
    expect(repoFileUrl('/source/', '/libs/outbox/src/outbox/outbox.ts')).toBe('/source/libs/outbox/src/outbox/outbox.ts');
  });
});

describe('a link inside an article', () => {
  it('climbs out of the docs folder to the repository root under the base URL', () => {
    expect(rewriteArticleHref('../../apps/x/y.ts', context)).toBe('https://github.com/acme/checkout/blob/main/apps/x/y.ts');
  });

  it('keeps a line anchor or query on a repository link', () => {
    expect(rewriteArticleHref('../../libs/outbox/src/relay/outbox-relay.ts#L42', context)).toBe(
      'https://github.com/acme/checkout/blob/main/libs/outbox/src/relay/outbox-relay.ts#L42',
    );
  });

  it('resolves dot segments in the middle of the path', () => {
    expect(rewriteArticleHref('./../docs/./decisions/../decisions/0005-outbox-relay.md', { ...context, repoBaseUrl: '/source' })).toBe(
      '/source/docs/decisions/0005-outbox-relay.md',
    );
  });

  it('stays in the app when it points at another article', () => {
    expect(rewriteArticleHref('./transactional-outbox.md#the-relay', context)).toBe('/articles/transactional-outbox#the-relay');
  });

  it('leaves web links, in-page anchors and site paths alone', () => {
    expect(rewriteArticleHref('https://microservices.io/patterns/data/saga.html', context)).toBe(
      'https://microservices.io/patterns/data/saga.html',
    );
    expect(rewriteArticleHref('#why-not-2pc', context)).toBe('#why-not-2pc');
    expect(rewriteArticleHref('/architecture', context)).toBe('/architecture');
  });

  it('is dropped when its scheme could run code', () => {
    expect(rewriteArticleHref('javascript:alert(1)', context)).toBeNull();
    expect(rewriteArticleHref(' JavaScript:alert(1)', context)).toBeNull();
    expect(rewriteArticleHref('data:text/html,<b>x</b>', context)).toBeNull();
  });

  it('is dropped when it points into the repository but no base URL is configured', () => {
    expect(rewriteArticleHref('../../apps/x/y.ts', { ...context, repoBaseUrl: null })).toBeNull();
  });
});
