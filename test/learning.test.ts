import { describe, expect, it } from 'vitest';
import { runDemo } from '../bench/demo-run.js';
import { loadConfig } from '../config/index.js';

describe('learning on a seeded simulated stream', () => {
  it('beats uniform routing clearly in the last window, for every profile', async () => {
    for (const profile of ['production', 'staging', 'development']) {
      const config = loadConfig({ env: { SWITCHBOARD_PROFILE: profile } });
      const reports = await runDemo({ config, messages: 2000, window: 500, seed: 11 });
      const last = reports.at(-1)!;
      // Uniform earns about 0.2 on this stream and the best possible about 0.44.
      expect(last.meanReward - last.uniformMeanReward, profile).toBeGreaterThan(0.08);
      expect(last.meanReward, profile).toBeLessThanOrEqual(last.bestPossible + 0.05);
    }
  });

  it('learns the per-kind routing the latent qualities call for', async () => {
    const config = loadConfig({ env: { SWITCHBOARD_PROFILE: 'production' } });
    const reports = await runDemo({ config, messages: 3000, window: 1000, seed: 5 });
    const shares = reports.at(-1)!.sharesByKind;
    expect(shares['maths']!['gemini-sim']).toBeGreaterThan(0.5);
    expect(shares['chit-chat']!['llama-sim']).toBeGreaterThan(0.5);
    expect(shares['long-form']!['anthropic-sim']).toBeGreaterThan(0.5);
  });
});
