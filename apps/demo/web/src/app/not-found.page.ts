import { el } from '../dom/element';
import { setTitle } from './page-title';

export function mountNotFound(root: HTMLElement, path: string): () => void {
  setTitle('Not found');
  root.append(
    el('h1', { tabindex: '-1' }, 'Page not found'),
    el('p', {}, 'There is no page at ', el('code', {}, path), '. ', el('a', { href: '/' }, 'Back to the shop'), '.'),
  );
  return () => undefined;
}
