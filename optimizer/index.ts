/** Public API of the optimizer room: ask/tell studies, samplers, search spaces, test functions. */
export { Study } from './study.js';
export type { StudyOptions, TellResult, Trial, TrialRecord, TrialState } from './study.js';
export { SearchSpace } from './search-space.js';
export type { ParamSpec, ParamValue, Params } from './search-space.js';
export type { Observation, Sampler, SamplerContext } from './samplers/sampler.js';
export { RandomSampler } from './samplers/random-sampler.js';
export { QuasiRandomSampler } from './samplers/quasi-random-sampler.js';
export { GpEiSampler } from './samplers/gp-ei-sampler.js';
export type { GpEiOptions } from './samplers/gp-ei-sampler.js';
export { createSampler, SAMPLER_NAMES } from './samplers/create-sampler.js';
export type { SamplerName } from './samplers/create-sampler.js';
export { GaussianProcess } from './gp/gaussian-process.js';
export { fitHyperparameters } from './gp/fit-hyperparameters.js';
export type { GpHyperparameters } from './gp/notation.js';
export { logExpectedImprovement, logH, logNormalCdf } from './log-ei.js';
export { ScrambledHalton } from './halton.js';
export { branin, hartmann6, TEST_FUNCTIONS } from './test-functions.js';
export type { TestFunction } from './test-functions.js';
