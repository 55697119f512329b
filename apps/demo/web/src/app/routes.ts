/** The client-side routes; bff-web serves index.html for each of these paths. */
export type Route =
  | { readonly page: 'shop' }
  | { readonly page: 'architecture' }
  | { readonly page: 'health' }
  | { readonly page: 'chaos' }
  | { readonly page: 'ops' }
  | { readonly page: 'articles' }
  | { readonly page: 'article'; readonly slug: string }
  | { readonly page: 'not-found'; readonly path: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseRoute(pathname: string): Route {
  // A trailing slash is the same page; anything else unknown is a 404 inside the app.
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  switch (path) {
    case '/':
    case '':
      return { page: 'shop' };
    case '/architecture':
      return { page: 'architecture' };
    case '/health':
      return { page: 'health' };
    case '/chaos':
      return { page: 'chaos' };
    case '/ops':
      return { page: 'ops' };
    case '/articles':
      return { page: 'articles' };
  }
  const article = /^\/articles\/([^/]+)$/.exec(path);
  if (article) {
    const slug = safeDecode(article[1]);
    if (slug !== null && SLUG.test(slug)) {
      return { page: 'article', slug };
    }
  }
  return { page: 'not-found', path: pathname };
}

/** True when a path is one of this app's pages, so a click on it can stay in the app. */
export function isAppPath(pathname: string): boolean {
  return parseRoute(pathname).page !== 'not-found';
}

export function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
