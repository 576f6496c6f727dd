import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMaxWeight, cappedWeight, DEFAULT_MAX_WEIGHT } from './importance-weight.js';
import { RidgeArms } from './ridge-arms.js';

/**
 * The offset tree (Beygelzimer & Langford, 2009), online: a balanced binary tree over the K
 * arms whose K − 1 internal nodes are binary linear classifiers on x ("go left or right").
 * Picking an arm costs O(K·d) here (every node is scored, to give the explorer a full score
 * vector) and learning costs O(log K · d²): useful when K is large and a per-arm regression
 * would spread the traffic too thin.
 *
 * Learning from (x, a, r, p): climb from leaf a. At each node the example is offered only if
 * a is the winner of its own side for x under the current classifiers (otherwise this node's
 * choice cannot change whether a is picked, so it says nothing about it). The node then gets a
 * binary example: label "a's side" if r > offset, else "the other side", with importance
 * weight |r − offset|·min(1/p, maxWeight). The offset (½ for rewards in [0, 1]) cancels out in
 * expectation (the node's expected signed weight is r_left − r_right) but shrinks the
 * variance, the paper's central trick. The paper conditions p on the two competing winners,
 * multiplying the weight by p(left winner) + p(right winner); the Learner interface only sees
 * p(a), and a positive per-x factor does not move the Bayes-optimal split at any x, only
 * which contexts the linear classifier fits best. If a loses at a node the climb stops.
 *
 * Each classifier is a weighted ridge regression of ±1 labels (+1 = right) on x: margin
 * m = θ·x, P(right) = (1 + clamp(m, −1, 1)) / 2, which is ½ for an untrained node.
 *
 * Scores (the choice that lets any explorer sit on top): arm a gets the weakest branch
 * probability along its root-to-leaf path, min over its path of P(branch taken). The tree's own
 * greedy leaf takes the ≥ ½ branch everywhere, and every other leaf takes a ≤ ½ branch where it
 * leaves that path, so the argmax of the scores is exactly the tree's choice (ties at exactly
 * ½, as in an untrained tree, are split evenly by ε-greedy) while losers near the boundary
 * still score close to ½ for softmax or SquareCB. Products of branch probabilities (VW's
 * choice) would give a distribution over leaves, but its argmax can leave the greedy path.
 *
 * Not mergeable: whether a node sees an example depends on the classifiers below it at the
 * time, so two copies' sums are not those of one copy on the combined traffic.
 */
export interface OffsetTreeOptions {
  arms: number;
  dimensions: number;
  /** Ridge prior strength λ of every node classifier. */
  lambda: number;
  /** Reward offset; ½ for rewards in [0, 1] (default 0.5). */
  offset?: number;
  /** Cap on 1/p in the importance weight (default 100). */
  maxWeight?: number;
}

export interface OffsetTreeState extends LearnerState {
  kind: 'offset-tree';
  arms: number;
  dimensions: number;
  lambda: number;
  offset: number;
  maxWeight: number;
  /** Ridge sums of the K − 1 node classifiers, in preorder. */
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

export class OffsetTree implements Learner {
  readonly kind = 'offset-tree';
  readonly arms: number;
  readonly dimensions: number;
  readonly lambda: number;
  readonly offset: number;
  readonly maxWeight: number;
  /** Children of each internal node (preorder, root 0): ≥ 0 is a node, < 0 is leaf −1 − arm. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  /** Parent node of each arm and of each node (−1 for the root), and which side it hangs on. */
  private readonly leafParent: Int32Array;
  private readonly leafOnRight: Uint8Array;
  private readonly nodeParent: Int32Array;
  private readonly nodeOnRight: Uint8Array;
  private readonly nodes: RidgeArms | undefined;
  private readonly pathMin: Float64Array;

  constructor(options: OffsetTreeOptions, state?: OffsetTreeState) {
    const { arms, dimensions } = options;
    this.offset = options.offset ?? 0.5;
    this.maxWeight = options.maxWeight ?? DEFAULT_MAX_WEIGHT;
    assertMaxWeight(this.maxWeight);
    if (!(options.lambda > 0)) throw new RangeError(`lambda must be > 0, got ${options.lambda}`);
    if (!Number.isFinite(this.offset)) throw new RangeError(`offset must be finite, got ${this.offset}`);
    if (!(Number.isInteger(arms) && arms >= 1)) throw new RangeError(`arms must be a positive integer, got ${arms}`);
    this.arms = arms;
    this.dimensions = dimensions;
    this.lambda = options.lambda;
    const internal = arms - 1;
    this.left = new Int32Array(internal);
    this.right = new Int32Array(internal);
    this.leafParent = new Int32Array(arms).fill(-1);
    this.leafOnRight = new Uint8Array(arms);
    this.nodeParent = new Int32Array(internal).fill(-1);
    this.nodeOnRight = new Uint8Array(internal);
    this.pathMin = new Float64Array(internal);
    let next = 0;
    // Preorder numbering puts every parent before its children, which scores() relies on.
    const build = (lo: number, hi: number): number => {
      if (hi - lo === 1) return -1 - lo;
      const id = next++;
      const mid = (lo + hi + 1) >> 1;
      const l = build(lo, mid);
      const r = build(mid, hi);
      this.left[id] = l;
      this.right[id] = r;
      this.attach(l, id, 0);
      this.attach(r, id, 1);
      return id;
    };
    build(0, arms);
    this.nodes = internal > 0 ? new RidgeArms(internal, dimensions, options.lambda, state) : undefined;
  }

  static fromState(state: OffsetTreeState): OffsetTree {
    return new OffsetTree(state, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    const nodes = this.nodes;
    if (!nodes) {
      out[0] = 1;
      return out;
    }
    const pathMin = this.pathMin;
    pathMin[0] = 1;
    for (let n = 0; n < nodes.arms; n++) {
      const pRight = this.pRight(n, x);
      const here = pathMin[n]!;
      this.pass(this.left[n]!, Math.min(here, 1 - pRight), out);
      this.pass(this.right[n]!, Math.min(here, pRight), out);
    }
    return out;
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    const nodes = this.nodes;
    if (!nodes) return;
    const weight = Math.abs(reward - this.offset) * cappedWeight(propensity, this.maxWeight);
    let node = this.leafParent[arm]!;
    let onRight = this.leafOnRight[arm] === 1;
    while (node >= 0) {
      // Judge the win with the classifier as it stood before this example, as scores() saw it.
      const pRight = this.pRight(node, x);
      const wins = onRight ? pRight >= 0.5 : pRight <= 0.5;
      if (weight > 0) {
        const towardArm = onRight ? 1 : -1;
        nodes.learn(x, node, reward > this.offset ? towardArm : -towardArm, weight);
      }
      if (!wins) return;
      onRight = this.nodeOnRight[node] === 1;
      node = this.nodeParent[node]!;
    }
  }

  toState(): OffsetTreeState {
    const stats = this.nodes?.stats() ?? { xtx: [], xty: [], counts: [] };
    return {
      kind: 'offset-tree',
      arms: this.arms,
      dimensions: this.dimensions,
      lambda: this.lambda,
      offset: this.offset,
      maxWeight: this.maxWeight,
      ...stats,
    };
  }

  private pRight(node: number, x: Context): number {
    const m = this.nodes!.predict(node, x);
    return (1 + (m > 1 ? 1 : m < -1 ? -1 : m)) / 2;
  }

  private pass(child: number, value: number, out: Float64Array): void {
    if (child < 0) out[-1 - child] = value;
    else this.pathMin[child] = value;
  }

  private attach(child: number, parent: number, side: 0 | 1): void {
    if (child < 0) {
      this.leafParent[-1 - child] = parent;
      this.leafOnRight[-1 - child] = side;
    } else {
      this.nodeParent[child] = parent;
      this.nodeOnRight[child] = side;
    }
  }
}
