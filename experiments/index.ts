export { assignVariant, assignmentKey, bucketOf, cumulativeShares, type AssignmentKey, type VariantShare } from './assignment.js';
export { fnv1a32, fmix32, hashToUnit } from './stable-hash.js';
export { addObservation, armFromSums, emptyArm, mergeArms, sampleVariance, type ArmStats } from './arm-stats.js';
export {
  advanceRunning,
  compareArms,
  DEFAULT_ALPHA,
  DEFAULT_MIN_PER_ARM,
  DEFAULT_TUNE_AT_PER_ARM,
  mixingVariance,
  mixtureHalfWidth,
  mixtureLogLikelihoodRatio,
  tunedRho2,
  type AlwaysValidOptions,
  type AlwaysValidResult,
  type RunningResult,
} from './always-valid.js';
export { compareAgainstControl, type NamedArm, type VariantComparison } from './multiple-comparisons.js';
export { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './chi-square.js';
export { sampleRatioMismatch, SRM_P_THRESHOLD, type SrmResult } from './srm.js';
export { checkGuardrail, type GuardrailResult, type GuardrailSpec } from './guardrail.js';
export { requestsNeeded, type SampleSizeOptions } from './sample-size.js';
export { normalQuantile } from './normal.js';
export { formatAmount, formatRequests, verdict, type Decision, type Verdict, type VerdictInput } from './verdict.js';
export { simulateSequential, type SequentialOutcome, type SequentialSimulation } from './sequential-simulation.js';
export { ExperimentEngine, MAX_CHALLENGERS, variantPolicyVersion, type Assignment, type Challenger, type CreateExperiment, type ExperimentEngineOptions } from './engine.js';
export { experimentReport, meanInterval, type ExperimentReport, type VariantSummary, type VariantVerdict } from './experiment-report.js';
export { DEFAULT_TIMELINE_POINTS, rewardTimeline, type RewardTimeline, type TimelineOptions, type TimelinePoint, type VariantTimeline } from './reward-timeline.js';
