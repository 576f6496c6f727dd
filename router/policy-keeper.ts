import type { Policy } from '../bandits/policy.js';
import type { LearnerState } from '../bandits/types.js';
import type { ClosedReward, Domain } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../telemetry/index.js';

/** What a snapshot holds: the learner's statistics and the arm names and width they index. */
interface SnapshotState {
  arms: string[];
  dimensions: number;
  learner: LearnerState;
}

export interface PolicyKeeperOptions {
  domain: Domain;
  arms: string[];
  dimensions: number;
  store: Store;
  logger: Logger;
  now: () => number;
  /** Builds the policy from current settings, on top of restored statistics when there are some. */
  build: (restored?: LearnerState) => Policy;
  /**
   * Save a snapshot after this many learned rewards (and on `snapshot()` at shutdown). A snapshot of
   * the router's ridge state is megabytes of JSON, while replaying a reward costs about 0.1 ms, so
   * snapshots are rare and a crash replays at most this many rewards.
   */
  snapshotEvery?: number;
}

/**
 * Owns one domain's live policy and makes its learning durable: restore = latest snapshot plus a
 * replay of the rewards closed after it, so a crash between snapshots loses nothing.
 */
export class PolicyKeeper {
  readonly domain: Domain;
  readonly arms: string[];
  policy: Policy;
  private lastSeq = 0;
  private sinceSnapshot = 0;
  private readonly options: PolicyKeeperOptions;

  constructor(options: PolicyKeeperOptions) {
    this.options = options;
    this.domain = options.domain;
    this.arms = options.arms;
    const snapshot = options.store.latestSnapshot(options.domain);
    const state = snapshot?.state as SnapshotState | undefined;
    const usable = snapshot !== undefined && state !== undefined && sameArms(state.arms, options.arms) && state.dimensions === options.dimensions;
    if (snapshot && !usable) {
      options.logger.warn({ domain: options.domain, snapshotArms: state?.arms, arms: options.arms },
        'policy snapshot is for other arms or features; relearning from the stored rewards');
    }
    this.policy = options.build(usable ? state.learner : undefined);
    this.lastSeq = usable ? snapshot.lastRewardSeq : 0;
    const replay = options.store.rewardsSince(options.domain, this.lastSeq);
    for (const reward of replay) this.learn(reward);
    this.sinceSnapshot = 0;
    options.logger.info(
      { domain: options.domain, fromSnapshot: Boolean(usable), replayed: replay.length, lastRewardSeq: this.lastSeq },
      'policy restored',
    );
  }

  /** Folds one closed reward into the policy (rewards for unknown arms or another feature width are skipped). */
  learn(reward: ClosedReward): void {
    this.lastSeq = Math.max(this.lastSeq, reward.seq);
    const arm = this.arms.indexOf(reward.arm);
    if (arm < 0 || reward.features.length !== this.options.dimensions) return;
    this.policy.update(reward.features, arm, reward.reward, reward.propensity);
    if (++this.sinceSnapshot >= (this.options.snapshotEvery ?? 1000)) this.snapshot();
  }

  snapshot(): void {
    if (this.sinceSnapshot === 0) return;
    const state: SnapshotState = { arms: this.arms, dimensions: this.options.dimensions, learner: this.policy.learner.toState() };
    this.options.store.saveSnapshot({ domain: this.domain, lastRewardSeq: this.lastSeq, state, createdAt: this.options.now() });
    this.sinceSnapshot = 0;
  }
}

function sameArms(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
