import { repoFileUrl } from '../links/repo-links';

/**
 * Tiny element builders. Text always goes in as text nodes, never as HTML, so data from the
 * server cannot inject markup; the one deliberate exception is rendered Markdown
 * (articles/markdown.ts).
 */

export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;
export type Child = Node | string | number | null | undefined | false;

function applyAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function appendChildren(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyAttrs(element, attrs);
  appendChildren(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  applyAttrs(element, attrs);
  appendChildren(element, children);
  return element;
}

/** Replaces everything inside `parent`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  appendChildren(parent, children);
}

/** A link to a file in the repository, or the bare path when no base URL is known. */
export function sourceLink(base: string | null, path: string, label: string, attrs: Attrs = {}): HTMLElement {
  if (base === null) {
    return el('code', {}, path);
  }
  return el('a', { href: repoFileUrl(base, path), ...attrs }, label);
}
