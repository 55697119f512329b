/**
 * Links into the repository. "View source" paths and the relative links written inside the
 * Markdown articles (`../../apps/x/y.ts`, as they read on a code host) both end up under the
 * configured repository base URL, so the same article works on GitHub and in the demo.
 */

export function repoFileUrl(repoBaseUrl: string, path: string): string {
  return `${repoBaseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export interface ArticleLinkContext {
  /** Null when the edge did not say: relative repository links then cannot be followed. */
  readonly repoBaseUrl: string | null;
  /** Slugs of the articles the edge serves, so links between articles stay in the app. */
  readonly articleSlugs: readonly string[];
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * Where a link inside an article should point, or null when it must not be a link at all
 * (an unsafe scheme such as `javascript:`, or a repository path with no base URL to put it under).
 */
export function rewriteArticleHref(href: string, context: ArticleLinkContext): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('/')) {
    return trimmed; // in-page anchors and this site's own paths (including //host) stay as written
  }
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    return SAFE_SCHEMES.has(scheme) ? trimmed : null;
  }
  const { path, suffix } = splitSuffix(trimmed);
  const repoPath = normalise(path);
  const slug = articleSlugOf(repoPath, context.articleSlugs);
  if (slug !== null) {
    return `/articles/${slug}${suffix}`;
  }
  if (context.repoBaseUrl === null) {
    return null;
  }
  return repoFileUrl(context.repoBaseUrl, repoPath) + suffix;
}

function splitSuffix(href: string): { path: string; suffix: string } {
  const cut = href.search(/[?#]/);
  return cut === -1 ? { path: href, suffix: '' } : { path: href.slice(0, cut), suffix: href.slice(cut) };
}

/** Resolves `.` and `..`; climbing above the top lands on the repository root. */
function normalise(path: string): string {
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') {
      kept.pop();
    } else if (segment !== '' && segment !== '.') {
      kept.push(segment);
    }
  }
  return kept.join('/');
}

function articleSlugOf(repoPath: string, slugs: readonly string[]): string | null {
  const file = repoPath.split('/').pop() ?? '';
  const slug = file.endsWith('.md') ? file.slice(0, -'.md'.length) : null;
  return slug !== null && slugs.includes(slug) ? slug : null;
}
