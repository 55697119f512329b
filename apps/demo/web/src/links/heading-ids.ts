/**
 * GitHub-style heading anchors ("Why not two-phase commit?" → "why-not-two-phase-commit"), so
 * an article's in-page links work the same here as on the code host. Repeats get -1, -2, …
 */
export function headingIds(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}
