export { Sfc32, gaussian, type Rng } from './rng.js';
export type { Context, Decision, Explorer, Learner, LearnerState } from './types.js';
export { sampleArm } from './sampler.js';
export { EpsilonGreedy } from './exploration/epsilon-greedy.js';
export { LinUcb, type LinUcbOptions, type LinUcbState } from './learners/linucb.js';
export { Policy } from './policy.js';
