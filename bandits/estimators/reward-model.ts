import type { Context } from '../types.js';

/** Predicted expected reward of playing `arm` in context `x`: the q̂ of DM and DR. */
export type RewardModel = (x: Context, arm: number) => number;

/**
 * A reward model whose prediction for logged row i comes from a model that never saw row i.
 * DR stays unbiased only if q̂ is independent of the row it corrects; a model fitted on the
 * same rows absorbs their noise and shrinks the correction term toward zero.
 */
export interface CrossFittedRewardModel {
  readonly folds: number;
  modelForRow(row: number): RewardModel;
}

export type AnyRewardModel = RewardModel | CrossFittedRewardModel;

/** The model to use on row i, whichever kind was given. */
export function modelForRow(model: AnyRewardModel, row: number): RewardModel {
  return typeof model === 'function' ? model : model.modelForRow(row);
}
