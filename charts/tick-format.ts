/**
 * Tick labels. A linear axis prints every label with the same number of decimals (0.0, 0.5,
 * 1.0), so the column of labels reads as one scale; large values get k/M/G suffixes so that a
 * stream of a million rows does not need seven-digit labels.
 */
const SUFFIXES: ReadonlyArray<{ exponent: number; suffix: string }> = [
  { exponent: 9, suffix: 'G' },
  { exponent: 6, suffix: 'M' },
  { exponent: 3, suffix: 'k' },
];

/** Labels for evenly spaced ticks (as `niceTicks` returns them). */
export function formatLinearTicks(values: readonly number[]): string[] {
  if (values.length === 0) return [];
  const step = values.length > 1 ? Math.abs(values[1]! - values[0]!) : Math.abs(values[0]!) || 1;
  const stepExponent = Math.floor(Math.log10(step) + 1e-9);
  const largest = Math.max(...values.map(Math.abs));
  if (stepExponent <= -5 && largest < 1e-3) return values.map((v) => (v === 0 ? '0' : v.toExponential(1)));
  // Suffixes only from 10 000 up: "2000" reads better than "2k".
  const unit = largest >= 1e4 ? SUFFIXES.find((s) => largest >= 10 ** s.exponent) : undefined;
  const shift = unit?.exponent ?? 0;
  let decimals = Math.max(0, shift - stepExponent);
  // Steps that are not 1-2-5 (0.25M) need a digit more than the step's magnitude says.
  while (decimals < 12 && values.some((v) => Math.abs(Number(fixed(v / 10 ** shift, decimals)) - v / 10 ** shift) > (step / 10 ** shift) * 1e-6)) {
    decimals++;
  }
  return values.map((v) => {
    if (v === 0 && unit) return '0';
    return fixed(v / 10 ** shift, decimals) + (unit?.suffix ?? '');
  });
}

/** A short label for one value on its own (log-axis decades): 3 significant digits, 1k not 1000. */
export function formatCompact(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const unit = SUFFIXES.find((s) => magnitude >= 10 ** s.exponent);
  if (!unit && magnitude < 1e-3) return value.toExponential(1);
  const scaled = unit ? value / 10 ** unit.exponent : value;
  return String(Number(scaled.toPrecision(3))) + (unit?.suffix ?? '');
}

function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  // "-0.0" is a rounding artefact, not a value anyone plotted.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
