import { repoBaseUrl } from '../api/demo-config';
import { getArticle } from '../api/edge-api';
import { ApiError } from '../api/http-client';
import { setTitle } from '../app/page-title';
import { el, fill } from '../dom/element';
import { articleSlugs } from './article-list';
import { renderMarkdown } from './markdown';

/** `/articles/<slug>`: one write-up, rendered from the Markdown kept in the repository. */
export function mountArticle(root: HTMLElement, slug: string): () => void {
  setTitle('Write-up');
  let active = true;
  const body = el('article', { class: 'article prose', 'aria-busy': 'true' }, el('p', { class: 'muted' }, 'Loading…'));
  root.append(body);

  void Promise.all([getArticle(slug), repoBaseUrl(), articleSlugs()]).then(
    ([article, base, slugs]) => {
      if (!active) return;
      setTitle(article.title);
      const html = renderMarkdown(article.markdown, { repoBaseUrl: base, articleSlugs: slugs });
      // Only the Markdown renderer's output is set as HTML (raw HTML escaped, links checked).
      body.innerHTML = html;
      if (!/^\s*#\s/.test(article.markdown)) body.prepend(el('h1', {}, article.title));
      body.querySelector('h1')?.setAttribute('tabindex', '-1');
      body.setAttribute('aria-busy', 'false');
      scrollToHash();
    },
    (error: unknown) => {
      if (!active) return;
      const missing = error instanceof ApiError && error.status === 404;
      setTitle(missing ? 'Not found' : 'Write-up');
      fill(
        body,
        el('h1', { tabindex: '-1' }, missing ? 'No such write-up' : 'Could not load this write-up'),
        el('p', {}, el('a', { href: '/articles' }, 'All write-ups')),
      );
      body.setAttribute('aria-busy', 'false');
    },
  );
  return () => {
    active = false;
  };
}

/** The content arrives after the browser tried to scroll to #anchor, so do it once it is there. */
function scrollToHash(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id) document.getElementById(id)?.scrollIntoView();
}
