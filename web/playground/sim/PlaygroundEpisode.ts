/**
 * One episode of the playground: a compiled scenario's environment — built by the composition root
 * (the browser's `assembleEnv`, or Node's `makeEnv` in the test that compares the two) with its
 * learning agents driven as `roadgym run` drives them (a zoo policy such as a trained one, or
 * keep-lane: compose/assemblePolicyEnv.ts) — the episode's frames kept as an in-memory replay,
 * every agent's trajectory recorded for the metrics, and a running hash of every frame's state (the
 * same hash wherever the episode runs: the check that the browser simulates exactly as Node does).
 */
import type { MakeEnvOptions } from "../../../compose/assembleEnv.js";
import { assembleDrivenEnv, type EnvBuilder, type PolicyEnv } from "../../../compose/assemblePolicyEnv.js";
import type { LoadedScenario } from "../../../compose/loadScenario.js";
import type { RoadgymEnv } from "../../../compose/RoadgymEnv.js";
import type { Zoo } from "../../../agent-zoo/Zoo.js";
import { Sha256 } from "../../../core/hash/sha256Hex.js";
import type { FrameSink } from "../../../core/simulation/FrameSink.js";
import { agentEpisodeMetrics, type AgentEpisodeMetrics } from "../../../metrics/agentEpisodeMetrics.js";
import { aggregateCell } from "../../../metrics/aggregate.js";
import { METRICS } from "../../../metrics/metricCatalog.js";
import { defaultStepLimit } from "../../../metrics/runner/defaultStepLimit.js";
import { ReplayBuffer } from "../../../replay/ReplayBuffer.js";
import { simulationReplayOptions } from "../../../replay/simulationReplayOptions.js";

export type { EnvBuilder } from "../../../compose/assemblePolicyEnv.js";

/** What drives the learning agents: a zoo locator (e.g. a trained policy's `file:/policies/ppo/two_way`), or keep-lane. */
export type LearnerPolicy = { kind: "keep-lane" } | { kind: "zoo"; locator: string };

/** Options of {@link PlaygroundEpisode.start}. */
export interface EpisodeOptions {
  seed: number;
  /** Step limit. @default the scenario's (duration, else its agents' longest limit, else 1,000 steps) */
  maxSteps?: number;
  /** Keep the frames as a replay in memory. @default true */
  record?: boolean;
}

/** One aggregated metric, as the page shows it. */
export interface MetricValue {
  key: string;
  label: string;
  unit: string;
  value: number | null;
}

/** What the page shows when the episode ends. */
export interface EpisodeSummary {
  scenario: string;
  seed: number;
  policy: string;
  steps: number;
  simSeconds: number;
  /** Hex SHA-256 over every frame's state hash, reset frame first. */
  hash: string;
  /** Per agent: why its episode ended and its metrics (docs/metrics.md). */
  agents: { id: string; doneReasons: string[]; metrics: AgentEpisodeMetrics }[];
  /** The benchmark's aggregated metrics over the agents of this episode. */
  aggregate: MetricValue[];
  /** Most vehicles at once. */
  maxVehicles: number;
  collisions: number;
}

/** A running episode; see the file comment. */
export class PlaygroundEpisode {
  private readonly hashChain = new Sha256();
  private hashValue: string | undefined;
  private stepCount = 0;
  private maxVehicles = 0;
  private collisions = 0;

  private constructor(
    private readonly driven: PolicyEnv,
    private readonly policy: LearnerPolicy,
    readonly seed: number,
    readonly maxSteps: number,
    private readonly recording: { buffer?: ReplayBuffer } | undefined,
  ) {}

  /**
   * Builds the environment of `loaded` with `build`, its learning agents driven by `policy` from
   * `zoo` (relative `file:` paths from `baseDir`), and resets it with the seed.
   * @throws Error naming the agent whose policy cannot be made
   */
  static async start(
    loaded: LoadedScenario,
    build: EnvBuilder,
    zoo: Zoo,
    policy: LearnerPolicy,
    options: EpisodeOptions & { baseDir: string },
  ): Promise<PlaygroundEpisode> {
    const recording = (options.record ?? true) ? ({} as { buffer?: ReplayBuffer }) : undefined;
    let env: RoadgymEnv | undefined;
    // The replay's header needs the environment's scenario (agents with their policy's interface),
    // known once it is built; its first frame comes at the reset, after.
    const replaySink: FrameSink = {
      onFrame(frame) {
        if (!recording || !env) return;
        const e = env;
        recording.buffer ??= new ReplayBuffer(
          `${e.scenario.name}.replay`,
          simulationReplayOptions(e.scenario, e.network, () => e.sim),
        );
        recording.buffer.onFrame(frame);
      },
    };
    const envOptions: MakeEnvOptions = { metrics: true, sinks: recording ? [replaySink] : [] };
    const choice = policy.kind === "zoo" ? { locator: policy.locator, baseDir: options.baseDir } : undefined;
    const driven = await assembleDrivenEnv(loaded, choice, zoo, envOptions, build);
    env = driven.env;
    const episode = new PlaygroundEpisode(
      driven,
      policy,
      options.seed,
      options.maxSteps ?? defaultStepLimit(env.scenario),
      recording,
    );
    await driven.driver.reset({ seed: options.seed });
    episode.noteFrame();
    return episode;
  }

  /** The environment. */
  get env(): RoadgymEnv {
    return this.driven.env;
  }

  /** The replay of the frames so far (undefined when not recording). */
  get replay(): ReplayBuffer | undefined {
    return this.recording?.buffer;
  }

  /** Steps taken. */
  get steps(): number {
    return this.stepCount;
  }

  /** Whether the episode is over (its end, every agent done, or the step limit). */
  get ended(): boolean {
    return this.stepCount >= this.maxSteps || this.env.sim.episodeOver;
  }

  /** One step (nothing once ended). */
  async step(): Promise<void> {
    if (this.ended) return;
    await this.driven.driver.step();
    this.stepCount++;
    this.noteFrame();
  }

  /** The hash of every frame so far (final once the episode has ended). */
  hash(): string {
    if (this.hashValue === undefined) this.hashValue = this.snapshotHash();
    return this.hashValue;
  }

  /** The episode's summary and metrics (at any time; final once it has ended). */
  summary(): EpisodeSummary {
    const recorder = this.env.outputs.metrics!;
    const policyName = this.policy.kind === "zoo" ? this.policy.locator : "keep-lane";
    const agents = recorder
      .trajectories()
      .map((t) => ({ id: t.agentId, doneReasons: t.doneReasons, metrics: agentEpisodeMetrics(t) }));
    const cell = aggregateCell(
      policyName,
      this.env.scenario.name,
      agents.map((a) => ({
        policy: policyName,
        scenario: this.env.scenario.name,
        seed: this.seed,
        episode: 0,
        variation: this.env.sim.variation.name,
        agentId: a.id,
        doneReasons: a.doneReasons,
        metrics: a.metrics,
        decisions: [],
      })),
    );
    return {
      scenario: this.env.scenario.name,
      seed: this.seed,
      policy: policyName,
      steps: this.stepCount,
      simSeconds: this.env.sim.tick * this.env.scenario.dtS,
      hash: this.hash(),
      agents,
      aggregate: METRICS.filter((m) => m.key !== "stochasticity" && m.key !== "generalization").map((m) => ({
        key: m.key,
        label: m.label,
        unit: m.unit,
        value: cell.values[m.key] ?? null,
      })),
      maxVehicles: this.maxVehicles,
      collisions: this.collisions,
    };
  }

  /** Closes the environment and the policies. */
  async close(): Promise<void> {
    await this.driven.close();
  }

  private noteFrame(): void {
    const f = this.env.sim.frame;
    this.hashChain.update(this.env.sim.stateHash());
    this.hashValue = undefined;
    if (f.count > this.maxVehicles) this.maxVehicles = f.count;
    this.collisions += f.collisions.length;
  }

  /** The chain's digest so far, without ending it (a copy of the hash state is finished). */
  private snapshotHash(): string {
    return this.hashChain.peekHex();
  }
}
