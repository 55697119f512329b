import { setTitle } from '../app/page-title';
import { articlePath } from '../app/routes';
import { el, fill } from '../dom/element';
import { articleList } from './article-list';

/** `/articles`: the write-ups about how this system is built. */
export function mountArticles(root: HTMLElement): () => void {
  setTitle('Write-ups');
  let active = true;
  const list = el('div', { class: 'article-list' }, el('p', { class: 'muted' }, 'Loading…'));
  root.append(
    el('h1', { tabindex: '-1' }, 'Write-ups'),
    el('p', { class: 'lede' }, 'Long-form notes on the patterns this cluster uses, with links into its code.'),
    list,
  );
  articleList().then(
    (articles) => {
      if (!active) return;
      fill(
        list,
        ...articles.map((article) =>
          el(
            'article',
            { class: 'card article-summary' },
            el('h2', {}, el('a', { href: articlePath(article.slug) }, article.title)),
            el('p', {}, article.summary),
          ),
        ),
      );
    },
    () => active && fill(list, el('p', { class: 'alert alert-error', role: 'alert' }, 'Could not load the list of write-ups.')),
  );
  return () => {
    active = false;
  };
}
