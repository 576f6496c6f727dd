import type { RequestKind } from '../request-kind.js';

/**
 * The four simulated providers of the zero-key first run, the demo and the benchmarks.
 * Each has a latent quality per kind of request (the probability that a member finds the answer
 * helpful), a log-normal latency and a price, loosely shaped after the real model families so that
 * no single arm is best for everything: routing has something to learn.
 */
export interface SimulatedProfile {
  /** Arm name, also the `provider` the answers are attributed to. */
  name: string;
  model: string;
  quality: Record<RequestKind, number>;
  /** Median seconds to the full answer, and the log-normal spread σ. */
  latencyMedianSeconds: number;
  latencySigma: number;
  /** USD per million tokens. */
  inputPricePerMillion: number;
  outputPricePerMillion: number;
}

export const SIMULATED_PROFILES: readonly SimulatedProfile[] = [
  {
    name: 'openai-sim',
    model: 'sim-gpt',
    quality: { code: 0.82, maths: 0.8, 'chit-chat': 0.7, 'long-form': 0.72, other: 0.76 },
    latencyMedianSeconds: 1.4,
    latencySigma: 0.35,
    inputPricePerMillion: 2.5,
    outputPricePerMillion: 10,
  },
  {
    name: 'anthropic-sim',
    model: 'sim-claude',
    quality: { code: 0.9, maths: 0.7, 'chit-chat': 0.74, 'long-form': 0.9, other: 0.74 },
    latencyMedianSeconds: 1.8,
    latencySigma: 0.35,
    inputPricePerMillion: 3,
    outputPricePerMillion: 15,
  },
  {
    name: 'gemini-sim',
    model: 'sim-gemini',
    quality: { code: 0.7, maths: 0.9, 'chit-chat': 0.68, 'long-form': 0.7, other: 0.8 },
    latencyMedianSeconds: 1.0,
    latencySigma: 0.3,
    inputPricePerMillion: 0.3,
    outputPricePerMillion: 2.5,
  },
  {
    name: 'llama-sim',
    model: 'sim-llama-local',
    quality: { code: 0.45, maths: 0.4, 'chit-chat': 0.88, 'long-form': 0.5, other: 0.55 },
    latencyMedianSeconds: 0.6,
    latencySigma: 0.4,
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
  },
];

/** Typical answer length in tokens per kind of request. */
export const ANSWER_TOKENS: Record<RequestKind, number> = {
  code: 260,
  maths: 120,
  'chit-chat': 40,
  'long-form': 700,
  other: 160,
};
