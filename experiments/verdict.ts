/**
 * One sentence an admin can act on. The order of checks matters: a broken split (SRM) makes
 * every number untrustworthy, and a tripped guardrail stops a variant however good its reward.
 */
import type { AlwaysValidResult } from './always-valid.js';
import type { GuardrailResult } from './guardrail.js';
import type { SrmResult } from './srm.js';

export type Decision = 'promote' | 'keep-control' | 'continue' | 'stopped';

export interface VerdictInput {
  controlName: string;
  variantName: string;
  /** variant − control on the primary, higher-is-better metric. */
  primary: AlwaysValidResult;
  guardrails?: readonly GuardrailResult[];
  srm?: SrmResult;
  /** From `requestsNeeded`; undefined when it could not be estimated yet. */
  moreRequests?: number;
}

export interface Verdict {
  decision: Decision;
  text: string;
}

/** Three significant digits, without exponent noise, so sentences stay readable. */
export function formatAmount(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(3)));
}

/** An estimate with its interval, as the optimizer reports them: `0.02 [-0.004, 0.044]`. */
export function formatEstimate(e: { value: number; lower: number; upper: number }): string {
  return `${formatAmount(e.value)} [${formatAmount(e.lower)}, ${formatAmount(e.upper)}]`;
}

/** Rounded to two significant digits: the estimate is rough and false precision would mislead. */
export function formatRequests(n: number): string {
  if (n < 100) return String(Math.ceil(n));
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.ceil(n / magnitude) * magnitude).toLocaleString('en-US');
}

const range = (r: AlwaysValidResult, sign = 1) =>
  `(${formatAmount(sign > 0 ? r.lower : -r.upper)} to ${formatAmount(sign > 0 ? r.upper : -r.lower)})`;

export function verdict(input: VerdictInput): Verdict {
  const { controlName: a, variantName: b, primary } = input;
  if (input.srm?.mismatch) {
    return {
      decision: 'stopped',
      text: `stopped: sample ratio mismatch (p = ${input.srm.pValue.toExponential(1)} < ${input.srm.threshold}) — traffic split is broken, results cannot be trusted`,
    };
  }
  const tripped = (input.guardrails ?? []).filter((g) => g.worse);
  if (tripped.length > 0) {
    const detail = tripped.map((g) => `${b}'s ${g.metric} is worse by ${formatAmount(g.estimate)} ${range(g)}`).join('; ');
    return { decision: 'stopped', text: `stopped: ${detail}` };
  }
  if (primary.lower > 0) {
    return { decision: 'promote', text: `${b} is better by ${formatAmount(primary.estimate)} ${range(primary)} — safe to promote` };
  }
  if (primary.upper < 0) {
    return { decision: 'keep-control', text: `${b} is worse by ${formatAmount(-primary.estimate)} ${range(primary, -1)} — keep ${a}` };
  }
  const more = input.moreRequests;
  if (more === undefined) return { decision: 'continue', text: 'no difference yet; too little data to estimate how many more requests are needed' };
  if (more === 0) return { decision: 'continue', text: 'no difference yet; any effect is likely smaller than the minimum detectable effect' };
  if (!Number.isFinite(more)) return { decision: 'continue', text: 'no difference yet; the minimum detectable effect is out of reach at this variance' };
  return { decision: 'continue', text: `no difference yet; about ${formatRequests(more)} more requests needed` };
}
