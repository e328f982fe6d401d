/**
 * A vectorised env whose copies all run on the calling thread: for tests, for one-core machines,
 * and as the reference the worker-thread variant must match step for step.
 */
import { EnvHost } from "./EnvHost.js";
import { makeSlotEnv, type EnvSpecInput } from "./EnvSpec.js";
import type { SlotEnv } from "./SlotEnv.js";
import {
  actionDim,
  allocateBuffers,
  type ActionSpec,
  type EpisodeStat,
  type VecBuffers,
  type VecEnv,
} from "./VecEnv.js";

/** Options of {@link InProcessVecEnv}. */
export interface InProcessVecEnvOptions {
  /** Environment copies. */
  numEnvs: number;
  /** Frames per stacked observation. @default 1 */
  frameStack?: number;
}

/** `numEnvs` copies stepped one after another on this thread. */
export class InProcessVecEnv implements VecEnv {
  readonly numEnvs: number;
  readonly numAgents: number;
  readonly agentIds: readonly string[];
  readonly obsDim: number;
  readonly action: ActionSpec;
  readonly stateDim: number;
  readonly buffers: VecBuffers;
  private readonly host: EnvHost;

  /** From a spec (each copy built by `makeSlotEnv`), or from a factory of copies. */
  constructor(make: EnvSpecInput | (() => SlotEnv), options: InProcessVecEnvOptions) {
    if (!Number.isInteger(options.numEnvs) || options.numEnvs < 1)
      throw new Error(`vec env: numEnvs must be an integer ≥ 1, got ${options.numEnvs}`);
    const factory = typeof make === "function" ? make : () => makeSlotEnv(make);
    const envs = Array.from({ length: options.numEnvs }, factory);
    const k = options.frameStack ?? 1;
    this.numEnvs = options.numEnvs;
    this.numAgents = envs[0].possibleAgents.length;
    this.agentIds = [...envs[0].possibleAgents];
    this.obsDim = envs[0].obsDim * k;
    this.action = envs[0].action;
    this.stateDim = envs[0].stateDim;
    this.buffers = allocateBuffers(
      this.numEnvs,
      this.numAgents,
      this.obsDim,
      actionDim(this.action),
      this.stateDim,
      false,
    );
    this.host = new EnvHost(envs, 0, this.buffers, k);
  }

  reset(seed: number): Promise<void> {
    return this.host.reset(seed);
  }

  step(): Promise<EpisodeStat[]> {
    return this.host.step();
  }

  close(): Promise<void> {
    return this.host.close();
  }
}
