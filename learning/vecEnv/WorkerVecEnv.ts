/**
 * A vectorised env whose copies run in worker threads (issue 9, item 2): copies are split into
 * contiguous blocks, one per worker; observations, rewards, done flags and actions live in
 * `SharedArrayBuffer`s that every worker writes its block of directly, so a step costs one small
 * message per worker each way. Same seeds and actions give the same arrays as {@link InProcessVecEnv}.
 */
import type { Worker } from "node:worker_threads";
import { makeSlotEnv, type EnvSpecInput } from "./EnvSpec.js";
import { spawnWorker } from "./spawnWorker.js";
import {
  actionDim,
  allocateBuffers,
  type ActionSpec,
  type EpisodeStat,
  type VecBuffers,
  type VecEnv,
} from "./VecEnv.js";

/** What a worker is started with. */
export interface WorkerInit {
  spec: EnvSpecInput;
  /** Global index of the worker's first copy. */
  first: number;
  /** Copies in the worker's block. */
  count: number;
  frameStack: number;
  /** The shared buffers (views on SharedArrayBuffers). */
  buffers: VecBuffers;
}

/** A request to a worker. */
export type WorkerRequest = { type: "reset"; seed: number } | { type: "step" } | { type: "close" };

/** A worker's reply. */
export type WorkerReply =
  { type: "ready" } | { type: "done"; episodes: EpisodeStat[] } | { type: "error"; message: string };

/** Options of {@link WorkerVecEnv}. */
export interface WorkerVecEnvOptions {
  /** Environment copies. */
  numEnvs: number;
  /** Worker threads (copies are split evenly). @default min(numEnvs, 2) */
  numWorkers?: number;
  /** Frames per stacked observation. @default 1 */
  frameStack?: number;
}

/** `numEnvs` copies across worker threads with shared-memory batches. */
export class WorkerVecEnv implements VecEnv {
  readonly numEnvs: number;
  readonly numAgents: number;
  readonly agentIds: readonly string[];
  readonly obsDim: number;
  readonly action: ActionSpec;
  readonly stateDim: number;
  readonly buffers: VecBuffers;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<Worker, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private ready: Promise<void>;

  constructor(spec: EnvSpecInput, options: WorkerVecEnvOptions) {
    const n = options.numEnvs;
    if (!Number.isInteger(n) || n < 1) throw new Error(`vec env: numEnvs must be an integer ≥ 1, got ${n}`);
    const w = Math.min(n, options.numWorkers ?? 2);
    if (!Number.isInteger(w) || w < 1)
      throw new Error(`vec env: numWorkers must be an integer ≥ 1, got ${options.numWorkers}`);
    const k = options.frameStack ?? 1;
    // One probe copy on this thread gives the shapes (and fails early, here, on a bad spec).
    const probe = makeSlotEnv(spec);
    this.numEnvs = n;
    this.numAgents = probe.possibleAgents.length;
    this.agentIds = [...probe.possibleAgents];
    this.obsDim = probe.obsDim * k;
    this.action = probe.action;
    this.stateDim = probe.stateDim;
    void probe.close();
    this.buffers = allocateBuffers(n, this.numAgents, this.obsDim, actionDim(this.action), this.stateDim, true);
    const starts: Promise<WorkerReply>[] = [];
    for (let i = 0, first = 0; i < w; i++) {
      const count = Math.floor(n / w) + (i < n % w ? 1 : 0);
      const init: WorkerInit = { spec, first, count, frameStack: k, buffers: this.buffers };
      const worker = spawnWorker(import.meta.url, "envWorker", init);
      worker.on("message", (r: WorkerReply) => this.settle(worker, r));
      worker.on("error", (e) => this.fail(worker, e));
      worker.on(
        "exit",
        (code) => code !== 0 && this.fail(worker, new Error(`vec env worker exited with code ${code}`)),
      );
      this.workers.push(worker);
      starts.push(this.expect(worker));
      first += count;
    }
    this.ready = Promise.all(starts).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  async reset(seed: number): Promise<void> {
    await this.ready;
    await this.all({ type: "reset", seed });
  }

  async step(): Promise<EpisodeStat[]> {
    return (await this.all({ type: "step" })).flat();
  }

  async close(): Promise<void> {
    try {
      await this.ready;
      await this.all({ type: "close" });
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }

  private async all(req: WorkerRequest): Promise<EpisodeStat[][]> {
    const replies = this.workers.map((w) => {
      const p = this.expect(w);
      w.postMessage(req);
      return p;
    });
    return (await Promise.all(replies)).map((r) => (r.type === "done" ? r.episodes : []));
  }

  private expect(worker: Worker): Promise<WorkerReply> {
    return new Promise((resolve, reject) => this.pending.set(worker, { resolve, reject }));
  }

  private settle(worker: Worker, r: WorkerReply): void {
    const p = this.pending.get(worker);
    this.pending.delete(worker);
    if (r.type === "error") p?.reject(new Error(`vec env worker: ${r.message}`));
    else p?.resolve(r);
  }

  private fail(worker: Worker, e: Error): void {
    const p = this.pending.get(worker);
    this.pending.delete(worker);
    p?.reject(e);
  }
}
