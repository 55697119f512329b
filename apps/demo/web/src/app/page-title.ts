const SITE = 'Checkout cluster';

export function setTitle(page: string): void {
  document.title = `${page} · ${SITE}`;
}
