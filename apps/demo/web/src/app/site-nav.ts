import { articleList } from '../articles/article-list';
import { el } from '../dom/element';
import { articlePath } from './routes';

/** Adds the write-ups to the nav, once the edge has said which there are. */
export function addArticlesToNav(): void {
  const group = document.querySelector('.nav-articles');
  if (!group) return;
  articleList().then(
    (articles) => {
      group.append(...articles.map((article) => el('li', {}, el('a', { href: articlePath(article.slug) }, article.title))));
      markCurrent(location.pathname);
    },
    () => undefined, // the "Write-ups" link still leads to the list, which explains the failure
  );
}

/** aria-current tells assistive technology (and the CSS) which page is open. */
export function markCurrent(pathname: string): void {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (new URL(link.href).pathname === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
