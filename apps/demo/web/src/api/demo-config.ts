import { getConfig } from './edge-api';

let repoBase: Promise<string | null> | undefined;

/**
 * The prefix for "View source" links, fetched once per page load. Null when the edge cannot
 * say: the UI then shows file paths as plain text rather than links that go nowhere.
 */
export function repoBaseUrl(): Promise<string | null> {
  repoBase ??= getConfig().then(
    (config) => config.repoBaseUrl.replace(/\/+$/, '') || null,
    () => {
      repoBase = undefined; // try again on the next page rather than caching a blip
      return null;
    },
  );
  return repoBase;
}
