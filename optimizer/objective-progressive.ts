/**
 * The learning target policy, walked over the logs in time order: its action distribution at
 * row i comes from its state after learning rows 0..i−1, and it learns each row from the LOGGED
 * (x, a, r, p), which is all the bot's policy would see of the logging policy's traffic.
 */
import type { LoggedDecision } from '../bandits/estimators/logged-decision.js';
import type { Policy } from '../bandits/policy.js';

/** π^(i)(·|x_i) for every row; the policy ends trained on all rows. */
export function progressiveProbabilities(policy: Policy, rows: readonly LoggedDecision[]): Float64Array[] {
  const out: Float64Array[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // select() also draws an arm, which is discarded: only the distribution matters here, and
    // the routing policy's scores do not use the RNG, so the result does not depend on the seed.
    out[i] = Float64Array.from(policy.select(row.x).probabilities);
    learn(policy, row);
  }
  return out;
}

/** The policy after learning every logged row: θ's state at the end of the log (a warm start). */
export function trainOnLogs(policy: Policy, rows: readonly LoggedDecision[]): Policy {
  for (const row of rows) learn(policy, row);
  return policy;
}

function learn(policy: Policy, row: LoggedDecision): void {
  // Logged propensities may exceed 1 by rounding (validateLogs allows it); Policy.update does not.
  policy.update(row.x, row.arm, row.reward, Math.min(1, row.propensity));
}
