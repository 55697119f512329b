import { Marked, type Tokens } from 'marked';
import { headingIds } from '../links/heading-ids';
import { type ArticleLinkContext, rewriteArticleHref } from '../links/repo-links';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Renders an article to HTML. The articles are Markdown kept in the repository, but the page
 * still treats them as data: raw HTML in them is shown as text, not run, and every link goes
 * through rewriteArticleHref (repository paths to the code host, unsafe schemes dropped).
 */
export function renderMarkdown(markdown: string, context: ArticleLinkContext): string {
  const unlinked = new WeakSet<Tokens.Link | Tokens.Image>();
  const idFor = headingIds();
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type !== 'link' && token.type !== 'image') return;
      // marked's Token union includes a generic token whose `type` is any string, so the check
      // above cannot narrow it by itself.
      const link = token as Tokens.Link | Tokens.Image;
      const href = rewriteArticleHref(link.href, context);
      if (href === null) unlinked.add(link);
      else link.href = href;
    },
    renderer: {
      link(token) {
        return unlinked.has(token) ? this.parser.parseInline(token.tokens) : false;
      },
      image(token) {
        return unlinked.has(token) ? escapeHtml(token.text) : false;
      },
      html(token) {
        return escapeHtml(token.text);
      },
      heading(token) {
        return `<h${token.depth} id="${escapeHtml(idFor(token.text))}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
