/**
 * "Did you mean" suggestions: candidates within a small edit distance, best first. The
 * reference CLI suggests names within distance 2; we do the same so messages agree.
 */

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Candidates within `maxDistance` of `word`, closest first, then alphabetical. */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c, maxDistance);
    if (d <= maxDistance) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).map(([c]) => c);
}
