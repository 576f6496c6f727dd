/**
 * Ask/tell optimization: `ask()` hands out a trial (id + parameters), the caller evaluates it
 * however and whenever it likes, `tell()` reports the value (and constraint values, feasible when
 * ≤ 0). The study keeps every trial and delegates proposals to a `Sampler`.
 */
import type { Sampler, SamplerContext } from './samplers/sampler.js';
import type { ParamSpec, Params } from './search-space.js';
import { SearchSpace } from './search-space.js';

export type TrialState = 'running' | 'complete' | 'failed';

export interface Trial {
  id: number;
  params: Params;
}

export interface TrialRecord extends Trial {
  /** Encoded parameters in [0,1]^dim. */
  encoded: number[];
  state: TrialState;
  value?: number;
  constraints?: number[];
}

export type TellResult = number | { value: number; constraints?: number[] };

export interface StudyOptions {
  space: SearchSpace | readonly ParamSpec[];
  sampler: Sampler;
  direction?: 'minimize' | 'maximize';
}

export class Study {
  readonly space: SearchSpace;
  readonly sampler: Sampler;
  readonly direction: 'minimize' | 'maximize';
  private readonly records: TrialRecord[] = [];

  constructor(options: StudyOptions) {
    this.space = options.space instanceof SearchSpace ? options.space : new SearchSpace(options.space);
    this.sampler = options.sampler;
    this.direction = options.direction ?? 'minimize';
  }

  get trials(): readonly TrialRecord[] {
    return this.records;
  }

  ask(): Trial {
    const proposal = this.sampler.propose(this.samplerContext());
    if (proposal.length !== this.space.dim || proposal.some((u) => !Number.isFinite(u))) {
      throw new Error(`sampler "${this.sampler.name}" proposed an invalid point`);
    }
    const params = this.space.decode(proposal);
    const record: TrialRecord = { id: this.records.length, params, encoded: this.space.encode(params), state: 'running' };
    this.records.push(record);
    return { id: record.id, params: { ...params } };
  }

  tell(trialId: number, result: TellResult): void {
    const record = this.running(trialId);
    const { value, constraints } = typeof result === 'number' ? { value: result, constraints: undefined } : result;
    if (!Number.isFinite(value)) throw new Error(`tell: trial ${trialId} got a non-finite value (${value}); use fail() instead`);
    if (constraints && constraints.some((c) => !Number.isFinite(c))) throw new Error(`tell: trial ${trialId} has a non-finite constraint value`);
    const expected = this.records.find((r) => r.state === 'complete')?.constraints?.length ?? constraints?.length ?? 0;
    if ((constraints?.length ?? 0) !== expected) throw new Error(`tell: trial ${trialId} has ${constraints?.length ?? 0} constraint values, earlier trials had ${expected}`);
    record.state = 'complete';
    record.value = value;
    if (constraints) record.constraints = [...constraints];
  }

  /** The evaluation crashed or was abandoned: the samplers will not learn from it. */
  fail(trialId: number): void {
    this.running(trialId).state = 'failed';
  }

  /** Best complete feasible trial in the study's direction. */
  get bestTrial(): TrialRecord | undefined {
    let best: TrialRecord | undefined;
    for (const r of this.records) {
      if (r.state !== 'complete' || !isFeasible(r)) continue;
      if (!best || this.loss(r.value!) < this.loss(best.value!)) best = r;
    }
    return best;
  }

  private loss(value: number): number {
    return this.direction === 'minimize' ? value : -value;
  }

  private running(trialId: number): TrialRecord {
    const record = this.records[trialId];
    if (!record) throw new Error(`unknown trial ${trialId}`);
    if (record.state !== 'running') throw new Error(`trial ${trialId} is already ${record.state}`);
    return record;
  }

  private samplerContext(): SamplerContext {
    const complete = this.records.filter((r) => r.state === 'complete');
    return {
      dim: this.space.dim,
      observations: complete.map((r) => ({ x: r.encoded, loss: this.loss(r.value!), ...(r.constraints ? { constraints: r.constraints } : {}) })),
      pending: this.records.filter((r) => r.state === 'running').map((r) => r.encoded),
      trialCount: this.records.length,
      snap: (u) => this.space.snap(u),
    };
  }
}

function isFeasible(r: TrialRecord): boolean {
  return (r.constraints ?? []).every((c) => c <= 0);
}
