// "Did you mean" suggestions for mistyped setting names and enum values.

// Optimal string alignment distance: Levenshtein plus swapping two adjacent
// letters as one edit, the commonest typo ("ture", "degub").
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

// Separators are noise when people misremember names: LOGLEVEL, log-level and
// log_level all mean LOG_LEVEL.
function normalize(s: string): string {
  return s.toLowerCase().replace(/[-_\s.]/g, '');
}

/**
 * The candidate the input most plausibly meant, or undefined when none is close.
 * An abbreviation ("prod") counts as close, as does a typo of about one edit
 * per three letters.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalize(input);
  if (wanted === '') return undefined;
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const target = normalize(candidate);
    const isAbbreviation = wanted.length >= 3 && target.startsWith(wanted);
    const distance = editDistance(wanted, target);
    // Under three letters there is too little to go on: "2" is not a typo of "1".
    const allowed = wanted.length < 3 ? 0 : Math.ceil(Math.max(wanted.length, target.length) / 3);
    if (!isAbbreviation && distance > allowed) continue;
    // Abbreviations rank before typos; among equals, the smaller edit wins.
    const score = (isAbbreviation ? 0 : 1000) + distance;
    if (best === undefined || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}
