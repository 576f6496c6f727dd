/**
 * Axis tick positions people read easily: steps of 1, 2 or 5 times a power of ten on linear
 * axes, and decades (with 2× and 5× when few decades show) on logarithmic ones.
 */
export interface NiceStep {
  step: number;
  /** `step` = mantissa × 10^exponent with mantissa 1, 2 or 5; kept to print ticks exactly. */
  exponent: number;
}

export function niceStep(span: number, targetCount: number): NiceStep {
  if (!(span > 0) || !Number.isFinite(span)) return { step: 1, exponent: 0 };
  const raw = span / Math.max(1, targetCount);
  let exponent = Math.floor(Math.log10(raw));
  const normalized = raw / 10 ** exponent;
  let mantissa: number;
  if (normalized < 1.5) mantissa = 1;
  else if (normalized < 3) mantissa = 2;
  else if (normalized < 7) mantissa = 5;
  else {
    mantissa = 1;
    exponent += 1;
  }
  return { step: stepValue(mantissa, exponent), exponent };
}

/** Tick values inside [min, max] (ends included), about `targetCount` of them. */
export function niceTicks(min: number, max: number, targetCount = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const { step, exponent } = niceStep(max - min, targetCount);
  // Tolerate floating error so that an end that is a multiple of the step gets its tick.
  const slack = step * 1e-9;
  const first = Math.ceil((min - slack) / step);
  const last = Math.floor((max + slack) / step);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(exactMultiple(k, step, exponent));
  return ticks;
}

export interface LogTicks {
  /** Labelled ticks. */
  major: number[];
  /** Unlabelled intermediate ticks (2…9 × 10^k) for light grid lines. */
  minor: number[];
}

/** Ticks for a log axis over [min, max], both positive. */
export function logTicks(min: number, max: number): LogTicks {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return { major: [], minor: [] };
  if (max < min) [min, max] = [max, min];
  const inRange = (v: number): boolean => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const lowDecade = Math.floor(Math.log10(min));
  const highDecade = Math.ceil(Math.log10(max));
  const candidates = (mantissas: readonly number[]): number[] => {
    const values: number[] = [];
    for (let e = lowDecade; e <= highDecade; e++) {
      for (const m of mantissas) {
        const v = stepValue(m, e);
        if (inRange(v)) values.push(v);
      }
    }
    return values;
  };
  let major = candidates([1]);
  const decadesShown = Math.log10(max / min);
  // Too many decades crowd the labels: keep every second or third power of ten.
  if (major.length > 7) {
    const stride = Math.ceil(major.length / 6);
    major = major.filter((v) => Math.round(Math.log10(v)) % stride === 0);
  }
  if (major.length < 3) major = candidates(decadesShown < 0.7 ? [1, 1.5, 2, 3, 5, 7] : [1, 2, 5]);
  if (major.length < 2) major = niceTicks(min, max, 4).filter((v) => v > 0);
  const majorSet = new Set(major);
  const minor = candidates([1, 2, 3, 4, 5, 6, 7, 8, 9]).filter((v) => !majorSet.has(v));
  return { major, minor };
}

/** mantissa × 10^exponent without the binary error of multiplying by a negative power. */
function stepValue(mantissa: number, exponent: number): number {
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

function exactMultiple(k: number, step: number, exponent: number): number {
  const value = k * step;
  if (exponent >= 0) return value === 0 ? 0 : value;
  // Round to the step's decimals: 3 × 0.1 must be 0.3, not 0.30000000000000004.
  const rounded = Number(value.toFixed(Math.min(100, -exponent)));
  return rounded === 0 ? 0 : rounded;
}
