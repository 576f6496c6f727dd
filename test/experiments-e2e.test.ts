import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../bandits/policy.js';
import { createApp, type App } from '../bot/app.js';
import type { CommandContext, CommandReply } from '../commands/command.js';
import { renderReplyText } from '../commands/render-text.js';
import { runCommand } from '../commands/registry.js';
import { loadConfig } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { answered } from './answered.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();

function open(databasePath: string, clock: VirtualClock, errorRates: Record<string, number> = {}): App {
  const config = loadConfig({ env: { DATABASE_PATH: databasePath, FEEDBACK_WINDOW_SECONDS: '60', ROUTER_MAX_RETRIES: '0' } });
  return createApp(config, {
    clock,
    logger: createLogger({ level: 'silent', secrets: [] }),
    metrics: createMetrics({ collectDefault: false }),
    arms: simulatedArms({ seed: 5, clock, errorRates }),
    policySeed: 5,
  });
}

async function abtest(app: App, subcommand: string, options: CommandContext['options'] = {}, isAdmin = true): Promise<CommandReply> {
  return runCommand('abtest', {
    platform: 'console', tenant: 't', channel: 'c', user: 'admin', isAdmin, subcommand, options,
    services: { store: app.store, experiments: app.experiments }, now: app.clock.now(),
  });
}

const text = (reply: CommandReply) => renderReplyText(reply, { bold: (s) => s, code: (s) => s });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A real PNG of the chart's size, not a stub: signature, IHDR 720 × (title + 360), some kilobytes. */
function expectPng(png: Uint8Array): void {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const header = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  expect(header.toString('latin1', 12, 16)).toBe('IHDR');
  expect(header.readUInt32BE(16)).toBe(720);
  expect(header.readUInt32BE(20)).toBeGreaterThan(360);
  expect(png.byteLength).toBeGreaterThan(5_000);
}

/**
 * One turn per member, rated 👍 half the time, then every due reward closed. `sweep` closes due
 * rewards after every turn too, as the bot's once-a-second sweep does, so they close over time.
 */
async function traffic(app: App, clock: VirtualClock, users: number, from = 0, sweep = false): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + users; i++) {
    const answer = answered(await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: `member-${i}`, text: i % 2 ? 'what is 6*7?' : 'hello there', history: [] }));
    ids.push(answer.decisionId);
    if (i % 2) app.closer.feedback({ decisionId: answer.decisionId, kind: 'up', source: 'simulation', user: `member-${i}`, createdAt: clock.now() });
    clock.advance(1_000);
    if (sweep) app.closer.closeDue();
  }
  clock.advance(61_000);
  app.closer.closeDue();
  return ids;
}

describe('/abtest end to end', () => {
  it('refuses non-admins', async () => {
    const app = open(join(tempDir(), 'db.sqlite'), new VirtualClock());
    const reply = await abtest(app, 'create', { name: 'x', variant: 'arm:llama-sim' }, false);
    expect(reply.title).toBe('Not allowed');
    expect(app.experiments.list('t')).toEqual([]);
    app.close();
  });

  it('serves a fixed-arm variant to its share of members, reports both variants, survives a restart and promotes', async () => {
    const db = join(tempDir(), 'db.sqlite');
    const clock = new VirtualClock();
    let app = open(db, clock);
    const arm = app.arms[3]!.name;
    expect(text(await abtest(app, 'create', { name: 'cheap', variant: `arm:${arm}`, share: '30' }))).toContain(`B: arm:${arm}, 30% of members.`);
    expect((await abtest(app, 'create', { name: 'other', variant: 'epsilon:0.5' })).title).toBe('Something went wrong');

    const ids = await traffic(app, clock, 600, 0, true);
    const decisions = ids.map((id) => app.store.decision(id)!);
    const b = decisions.filter((d) => d.policyVersion === 'experiment:cheap/B');
    const a = decisions.filter((d) => d.policyVersion === 'experiment:cheap/A');
    expect(a.length + b.length).toBe(600);
    // Binomial(600, 0.3): sd ≈ 11, so ±45 is a 4-sigma band.
    expect(Math.abs(b.length - 180)).toBeLessThan(45);
    expect(b.every((d) => d.arm === arm && d.propensity === 1)).toBe(true);
    expect(new Set(a.map((d) => d.arm)).size).toBeGreaterThan(1);

    const statusReply = await abtest(app, 'status', { name: 'cheap' });
    expect(statusReply.image).toMatchObject({ name: 'abtest-cheap.png', alt: expect.stringMatching(/^Mean reward of A, B in experiment cheap/) });
    expectPng(statusReply.image!.png);
    const status = text(statusReply);
    expect(status).toMatch(new RegExp(`A \\(control\\) +default policy +70% +${a.length} `));
    expect(status).toMatch(new RegExp(`B +arm:${arm} +30% +${b.length} `));
    expect(status).toMatch(/SRM: ok/);
    expect(status).toMatch(/Verdict for B: /);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toContain('switchboard_experiments_active 1');
    expect(metrics).toContain(`switchboard_experiment_exposures_total{experiment="cheap",variant="B"} ${b.length}`);
    expect(metrics).toContain(`switchboard_experiment_assignments_total{experiment="cheap",variant="A"} ${a.length}`);
    app.close();

    // A restart keeps the experiment, its assignment and its data.
    app = open(db, clock);
    expect(text(await abtest(app, 'list'))).toMatch(/cheap +running/);
    expect(text(await abtest(app, 'status', { name: 'cheap' }))).toMatch(new RegExp(`B +arm:${arm} +30% +${b.length} `));
    const again = (await traffic(app, clock, 20)).map((id) => app.store.decision(id)!);
    again.forEach((d, i) => expect(d.policyVersion).toBe(decisions[i]!.policyVersion));

    expect(text(await abtest(app, 'promote', { name: 'cheap', variant: 'B' }))).toContain(`default policy is now arm:${arm}`);
    const after = (await traffic(app, clock, 50, 1000)).map((id) => app.store.decision(id)!);
    expect(after.every((d) => d.arm === arm && d.policyVersion === 'experiment:cheap/B')).toBe(true);
    // Promoted traffic is not experiment traffic: the exposures stop growing.
    expect(app.store.experiments.exposureOutcomes(app.experiments.get('t', 'cheap')!.id)).toHaveLength(620);
    expect(await app.metrics.registry.metrics()).toContain('switchboard_experiments_active 0');
    app.close();
  });

  it('stop returns every member to the shared policy; a bandit variant learns from its own rewards only', async () => {
    const clock = new VirtualClock();
    const app = open(join(tempDir(), 'db.sqlite'), clock);
    await abtest(app, 'create', { name: 'explore', variant: 'epsilon:0.5' });
    const ids = await traffic(app, clock, 200);
    const b = ids.map((id) => app.store.decision(id)!).filter((d) => d.policyVersion === 'experiment:explore/B');
    expect(b.length).toBeGreaterThan(60);
    expect(app.store.experiments.rewardsForPolicyVersion('experiment:explore/B')).toHaveLength(b.length);
    // B's own policy learned exactly its own decisions; the shared one learned from all of them (documented simplification).
    const learned = (policy: Policy | undefined) => (policy!.learner.toState() as unknown as { counts: number[] }).counts.reduce((x, y) => x + y, 0);
    expect(learned(app.serving.policy('experiment:explore/B'))).toBe(b.length);
    expect(learned(app.keeper.policy)).toBe(200);
    // ε = 0.5 over 4 arms: every arm has probability ≥ 0.125 on every B decision.
    expect(b.every((d) => Math.min(...d.probabilities) >= 0.125 - 1e-9)).toBe(true);

    expect((await abtest(app, 'stop', { name: 'explore' })).title).toBe('Experiment explore stopped');
    const after = (await traffic(app, clock, 20, 500)).map((id) => app.store.decision(id)!);
    expect(after.every((d) => !d.policyVersion.startsWith('experiment:'))).toBe(true);
    expect((await abtest(app, 'stop', { name: 'explore' })).lines[0]).toMatch(/not running/);
    app.close();
  });

  it('runs an A/B/n experiment from one command: every variant is served, two verdicts, a chart of three curves', async () => {
    const clock = new VirtualClock();
    const app = open(join(tempDir(), 'db.sqlite'), clock);
    const arm = app.arms[3]!.name;
    const created = text(await abtest(app, 'create', { name: 'three', variant: `arm:${arm};epsilon:0.5`, share: '60' }));
    expect(created).toContain('A (control): default policy, 40% of members.');
    expect(created).toContain(`B: arm:${arm}, 30% of members.`);
    expect(created).toContain('C: epsilon:0.5, 30% of members.');

    const ids = await traffic(app, clock, 300, 0, true);
    const served = new Map<string, number>();
    for (const id of ids) {
      const version = app.store.decision(id)!.policyVersion;
      served.set(version, (served.get(version) ?? 0) + 1);
    }
    // Binomial(300, 0.3): sd ≈ 8, so more than 50 each is far inside the band.
    for (const variant of ['A', 'B', 'C']) expect(served.get(`experiment:three/${variant}`)).toBeGreaterThan(50);

    const report = app.experiments.status('t', 'three');
    expect(report.verdicts.map((v) => v.variant)).toEqual(['B', 'C']);
    const reply = await abtest(app, 'status', { name: 'three' });
    expect(text(reply)).toMatch(/Verdict for B: [^\n]+\nVerdict for C: /);
    expect(reply.image!.alt).toMatch(/^Mean reward of A, B, C in experiment three/);
    expectPng(reply.image!.png);
    // Rewards close from 61 s on, over a 361 s life: the curves start about a sixth of the way in.
    const timeline = app.experiments.timeline('t', 'three');
    for (const [i, curve] of timeline.variants.entries()) {
      expect(curve.points.length).toBeGreaterThan(20);
      expect(curve.points.at(-1)!.count).toBe(report.variants[i]!.reward.count);
    }
    app.close();
  });

  it("does not call a fixed-arm variant's arm while it cools down: the shared policy serves, still as the variant", async () => {
    const clock = new VirtualClock();
    const broken = 'llama-sim';
    const app = open(join(tempDir(), 'db.sqlite'), clock, { [broken]: 1 });
    await abtest(app, 'create', { name: 'broken', variant: `arm:${broken}`, share: '90' });
    const decisions = (await traffic(app, clock, 40)).map((id) => app.store.decision(id)!).filter((d) => d.policyVersion === 'experiment:broken/B');
    const tried = decisions.map((d) => d.arm === broken);
    // The first few calls fail and open the circuit; later B decisions pick another arm with a real propensity.
    expect(tried.slice(0, 3)).toEqual([true, true, true]);
    const later = decisions.filter((d) => d.arm !== broken);
    expect(later.length).toBeGreaterThan(10);
    expect(later.every((d) => d.propensity < 1 && d.probabilities[app.arms.findIndex((a) => a.name === broken)] === 0)).toBe(true);
    app.close();
  });
});
