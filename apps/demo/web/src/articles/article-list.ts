import { listArticles } from '../api/edge-api';
import type { ArticleSummary } from '../api/edge-api.types';

let articles: Promise<ArticleSummary[]> | undefined;

/** The write-ups the edge serves, fetched once per page load (the nav and the pages share it). */
export function articleList(): Promise<ArticleSummary[]> {
  articles ??= listArticles().catch((error: unknown) => {
    articles = undefined;
    throw error;
  });
  return articles;
}

export function articleSlugs(): Promise<string[]> {
  return articleList().then(
    (list) => list.map((article) => article.slug),
    () => [],
  );
}
