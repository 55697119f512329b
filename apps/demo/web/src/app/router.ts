import { mountArchitecture } from '../architecture/architecture.page';
import { mountArticle } from '../articles/article.page';
import { mountArticles } from '../articles/articles.page';
import { mountChaos } from '../chaos/chaos.page';
import { mountHealth } from '../health/health.page';
import { mountOps } from '../ops/ops.page';
import { mountShop } from '../shop/shop.page';
import { mountNotFound } from './not-found.page';
import { isAppPath, parseRoute, type Route } from './routes';
import { markCurrent } from './site-nav';

type Unmount = () => void;

function mount(route: Route, root: HTMLElement): Unmount {
  switch (route.page) {
    case 'shop':
      return mountShop(root);
    case 'architecture':
      return mountArchitecture(root);
    case 'health':
      return mountHealth(root);
    case 'chaos':
      return mountChaos(root);
    case 'ops':
      return mountOps(root);
    case 'articles':
      return mountArticles(root);
    case 'article':
      return mountArticle(root, route.slug);
    case 'not-found':
      return mountNotFound(root, route.path);
  }
}

/**
 * Client-side routing with the History API. Each page returns how to stop itself (close its
 * stream, stop polling), which runs before the next page mounts.
 */
export function startRouter(root: HTMLElement): void {
  let unmount: Unmount = () => undefined;
  let shown = '';

  const show = (focus: boolean): void => {
    shown = location.pathname + location.search;
    unmount();
    root.replaceChildren();
    unmount = mount(parseRoute(location.pathname), root);
    markCurrent(location.pathname);
    if (focus) {
      // Tell screen-reader users the page changed, as a full load would.
      (root.querySelector<HTMLElement>('h1') ?? root).focus({ preventScroll: true });
      if (!location.hash) window.scrollTo(0, 0);
    }
  };

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || !shouldHandle(event, link)) return;
    event.preventDefault();
    const url = new URL(link.href);
    if (url.pathname + url.search !== shown) {
      history.pushState(null, '', url.pathname + url.search + url.hash);
      show(true);
    }
  });
  window.addEventListener('popstate', () => {
    // Back from an in-page anchor changes only the hash: the page stays as it is.
    if (location.pathname + location.search !== shown) show(true);
  });
  show(false);
}

/** Only plain left clicks on links to this app's own pages; everything else is the browser's. */
function shouldHandle(event: MouseEvent, link: HTMLAnchorElement): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return false;
  const url = new URL(link.href);
  const samePage = url.pathname === location.pathname && url.search === location.search && url.hash !== '';
  return url.origin === location.origin && isAppPath(url.pathname) && !samePage;
}
