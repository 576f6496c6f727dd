export { Sfc32, gaussian, type Rng } from './rng.js';
export type { Context, Decision, Explorer, ExplorerState, Learner, LearnerState } from './types.js';
export { sampleArm } from './sampler.js';
export { Policy, restorePolicy, type PolicyRegistry, type PolicyState } from './policy.js';
export { REGISTRY, TRANSFORMS, restoreTransform } from './registry.js';

export { applyFloor } from './exploration/floor.js';
export { EpsilonGreedy } from './exploration/epsilon-greedy.js';
export { Softmax, type SoftmaxOptions, type SoftmaxState } from './exploration/softmax.js';
export { SquareCb, type SquareCbOptions, type SquareCbState } from './exploration/squarecb.js';

export { RidgeArms, type RidgeStats } from './learners/ridge-arms.js';
export { LinUcb, type LinUcbOptions, type LinUcbState } from './learners/linucb.js';
export { LinearTs, type LinearTsOptions, type LinearTsState } from './learners/linear-ts.js';
export { IwRegression, type IwRegressionOptions, type IwRegressionState } from './learners/iw-regression.js';
export { DrRegression, type DrRegressionOptions, type DrRegressionState } from './learners/dr-regression.js';
export { OffsetTree, type OffsetTreeOptions, type OffsetTreeState } from './learners/offset-tree.js';
export { DEFAULT_MAX_WEIGHT, cappedWeight } from './learners/importance-weight.js';

export type { Transform, TransformState } from './transforms/transform.js';
export {
  OnlineStandardizer,
  type OnlineStandardizerOptions,
  type OnlineStandardizerState,
} from './transforms/online-standardizer.js';
export {
  PairwiseInteractions,
  pairwiseInteractions,
  type PairwiseInteractionsOptions,
  type PairwiseInteractionsState,
} from './transforms/pairwise-interactions.js';
export { TransformedLearner, type TransformedLearnerState } from './transforms/transformed-learner.js';
