import { EpsilonGreedy } from './exploration/epsilon-greedy.js';
import { EpsilonSchedule, type EpsilonScheduleOptions } from './exploration/epsilon-schedule.js';
import { Softmax, type SoftmaxState } from './exploration/softmax.js';
import { SquareCb, type SquareCbState } from './exploration/squarecb.js';
import { DrRegression, type DrRegressionState } from './learners/dr-regression.js';
import { IwRegression, type IwRegressionState } from './learners/iw-regression.js';
import { LinearTs, type LinearTsState } from './learners/linear-ts.js';
import { LinUcb, type LinUcbState } from './learners/linucb.js';
import { OffsetTree, type OffsetTreeState } from './learners/offset-tree.js';
import { RecursiveRidge, type RecursiveRidgeState } from './learners/recursive-ridge.js';
import type { PolicyRegistry } from './policy.js';
import { OnlineStandardizer, type OnlineStandardizerState } from './transforms/online-standardizer.js';
import { PairwiseInteractions, type PairwiseInteractionsState } from './transforms/pairwise-interactions.js';
import type { Transform, TransformState } from './transforms/transform.js';
import { TransformedLearner, type TransformedLearnerState } from './transforms/transformed-learner.js';
import type { Learner, LearnerState } from './types.js';

/** Every transform kind a TransformedLearner can be restored with. */
export const TRANSFORMS: Record<string, (state: TransformState) => Transform> = {
  'online-standardizer': (s) => OnlineStandardizer.fromState(s as OnlineStandardizerState),
  'pairwise-interactions': (s) => PairwiseInteractions.fromState(s as PairwiseInteractionsState),
};

export function restoreTransform(state: TransformState): Transform {
  const restore = TRANSFORMS[state.kind];
  if (!restore) throw new TypeError(`unknown transform kind "${state.kind}"`);
  return restore(state);
}

/** Every learner and explorer kind the library can restore from saved state. */
export const REGISTRY: PolicyRegistry = {
  learners: {
    linucb: (s) => LinUcb.fromState(s as LinUcbState),
    'linear-ts': (s) => LinearTs.fromState(s as LinearTsState),
    'iw-regression': (s) => IwRegression.fromState(s as IwRegressionState),
    'dr-regression': (s) => DrRegression.fromState(s as DrRegressionState),
    'offset-tree': (s) => OffsetTree.fromState(s as OffsetTreeState),
    'recursive-ridge': (s) => RecursiveRidge.fromState(s as RecursiveRidgeState),
    transformed: (s) => TransformedLearner.fromState(s as TransformedLearnerState, restoreTransform, restoreLearner),
  },
  explorers: {
    'epsilon-greedy': (s) => new EpsilonGreedy(s['epsilon'] as number),
    'epsilon-schedule': (s) => new EpsilonSchedule(s as unknown as EpsilonScheduleOptions),
    softmax: (s) => Softmax.fromState(s as SoftmaxState),
    squarecb: (s) => SquareCb.fromState(s as SquareCbState),
  },
};

function restoreLearner(state: LearnerState): Learner {
  const restore = REGISTRY.learners[state.kind];
  if (!restore) throw new TypeError(`unknown learner kind "${state.kind}"`);
  return restore(state);
}
