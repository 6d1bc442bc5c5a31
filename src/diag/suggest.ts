/**
 * "Did you mean" for names that miss: task keys, job cluster keys, variables, references.
 *
 * Optimal string alignment distance (Levenshtein plus adjacent swaps, so `naem` → `name` is one
 * edit), bounded: candidates whose length differs by more than the budget are skipped and rows
 * stop early once every cell exceeds it, so a miss against 1,000 keys stays cheap.
 */

/** The largest edit distance still worth suggesting for a name of this length. */
export function suggestionBudget(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The closest candidate within the budget, or undefined. Ties go to the earlier candidate, so
 * callers pass candidates in a stable order (definition order).
 *
 * @example suggest('silver_order', ['silver_orders', 'gold']) === 'silver_orders'
 */
export function suggest(name: string, candidates: Iterable<string>, budget = suggestionBudget(name)): string | undefined {
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const c of candidates) {
    if (c === name) continue;
    if (Math.abs(c.length - name.length) >= bestDistance) continue;
    const d = boundedDistance(name, c, bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** ` Did you mean "x"?` or the empty string, for appending to a summary. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}

/**
 * Every candidate within `maxDistance`, closest first, then alphabetical. The reference CLI
 * lists all names within distance 2 in its "did you mean one of" for `${…}` references.
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = boundedDistance(word, c, maxDistance);
    if (d <= maxDistance) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).map(([c]) => c);
}
