/**
 * A live simulation for the viewer (`roadgym view <scenario.scn>`): the scenario in a
 * {@link ParallelEnv} with its traffic provider, social agents and bubbles, and every learning agent
 * driven by the keep-lane policy (as `roadgym run` does), stepped on the viewers' commands — play (at `speed` × real time),
 * pause, single step. One run is shared by every viewer of the server: any of them controls it,
 * all of them see it. A simulation error pauses the run and is reported; it never stops the server.
 */
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { KeepLanePolicy } from "../../agent-zoo/policies/KeepLanePolicy.js";
import { BubbleManager } from "../../bubbles/BubbleManager.js";
import { HandoverOnlyProvider } from "../../bubbles/HandoverOnlyProvider.js";
import { buildProviders, type TrafficChoice } from "../../cli/buildProviders.js";
import { keepLaneObservation } from "../../cli/runScenario.js";
import { ParallelEnv } from "../../core/env/ParallelEnv.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { LocalTrafficProvider } from "../../providers/local/LocalTrafficProvider.js";
import type { CompiledScenario } from "../../spec/CompiledScenario.js";
import { agentRewards } from "../../replay/agentRewards.js";
import type { EncodableFrame } from "../../replay/FrameEncoder.js";
import { fromSimFrame } from "../../replay/fromSimFrame.js";
import { headerForScenario } from "../../replay/headerForScenario.js";
import { parseReplayHeader, REPLAY_SCHEMA_VERSION, type ReplayHeader } from "../../replay/ReplayHeader.js";
import type { ClientCommand, PlaybackStatus } from "../protocol/viewerProtocol.js";

/** Options of {@link LiveRun.start}. */
export interface LiveRunOptions {
  /** Episode seed. @default the scenario's */
  seed?: number;
  /** Traffic provider. @default "auto" */
  traffic?: TrafficChoice;
  /** Start playing at once. @default false */
  autoplay?: boolean;
}

/** Who hears about a live run's frames and status. */
export interface LiveListener {
  frame(frame: EncodableFrame): void;
  status(status: PlaybackStatus): void;
  error(message: string): void;
}

/** A shared, steppable simulation. */
export class LiveRun {
  readonly header: ReplayHeader;
  private readonly listeners = new Set<LiveListener>();
  private observations: Record<string, unknown> = {};
  private latestFrame: EncodableFrame;
  private playing = false;
  private speed = 1;
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private clockMs = 0;
  private closed = false;
  private readonly agentsOf: ReturnType<typeof agentRewards>;

  private constructor(
    readonly name: string,
    private readonly env: ParallelEnv,
    private readonly policies: Map<string, KeepLanePolicy>,
    header: ReplayHeader,
  ) {
    this.header = header;
    this.agentsOf = agentRewards(() => env.sim);
    this.latestFrame = fromSimFrame(env.sim.frame, this.agentsOf(env.sim.frame));
  }

  /** Builds the simulation and resets it (tick 0); throws on a scenario the simulation refuses. */
  static async start(
    name: string,
    scenario: CompiledScenario,
    network: RoadNetwork,
    options: LiveRunOptions = {},
  ): Promise<LiveRun> {
    // The same wiring as `roadgym run` (cli/runScenario.ts): traffic, social agents from the
    // built-in zoo, bubbles (a provider bubble whose target does not run the traffic gets it
    // without demand of its own).
    const providers = buildProviders(scenario, options.traffic ?? "auto");
    for (const b of scenario.bubbles) {
      const a = b.actor;
      if (a.kind !== "traffic" || providers.some((p) => p.name === a.provider)) continue;
      if (a.provider !== "local")
        throw new Error(`bubble "${b.name}" hands vehicles to "${a.provider}", which this run does not have`);
      providers.push(new HandoverOnlyProvider(new LocalTrafficProvider()));
    }
    const env = new ParallelEnv(scenario, network, {
      providers,
      observer: standardObserver(keepLaneObservation()),
      social: { resolver: createDefaultZoo().resolver({}), stepBudgetMs: null },
      ...(scenario.bubbles.length > 0 && { bubbles: new BubbleManager(scenario, network) }),
    });
    const policies = new Map(
      env.sim.agents.map((a) => [a.id, new KeepLanePolicy(a.spec.interface.action, a.type, scenario.dtS)]),
    );
    const { observations } = await env.reset({ seed: options.seed });
    const header = parseReplayHeader({
      ...headerForScenario(scenario, network, env.sim.seed, env.sim.variation.name),
      format: "roadgym-replay",
      schemaVersion: REPLAY_SCHEMA_VERSION,
      keyframeInterval: 50,
    });
    const run = new LiveRun(name, env, policies, header);
    run.observations = observations;
    if (options.autoplay) run.handle({ type: "play" });
    return run;
  }

  /** The last frame. */
  get frame(): EncodableFrame {
    return this.latestFrame;
  }

  /** Where the run stands. */
  status(): PlaybackStatus {
    const tick = this.env.sim.tick;
    return {
      playing: this.playing,
      speed: this.speed,
      tick,
      firstTick: 0,
      lastTick: tick,
      ended: this.env.sim.episodeOver,
    };
  }

  /** Adds a viewer; returns the function that removes it. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Carries out a validated command; returns an error message when it cannot. */
  handle(cmd: ClientCommand): string | undefined {
    switch (cmd.type) {
      case "play":
        if (this.env.sim.episodeOver) return "the episode has ended";
        this.playing = true;
        this.clockMs = performance.now();
        this.schedule();
        break;
      case "pause":
        this.pause();
        break;
      case "step":
        this.pause();
        if (this.env.sim.episodeOver) return "the episode has ended";
        void this.advance(1);
        break;
      case "speed":
        this.speed = cmd.value;
        this.clockMs = performance.now();
        break;
      case "seek":
        return "a live run cannot seek; record it (roadgym run --record) to watch it back";
      case "open":
        return "a live viewer shows its scenario only; start `roadgym view <file.replay>` for replays";
    }
    this.broadcastStatus();
    return undefined;
  }

  /** Stops stepping and closes the simulation. */
  async close(): Promise<void> {
    this.pause();
    this.closed = true;
    this.listeners.clear();
    await this.env.close();
  }

  /** The keep-lane driver of an agent; learners that bubbles create get one when they appear. */
  private policyFor(id: string): KeepLanePolicy {
    let p = this.policies.get(id);
    if (!p) {
      const learner = this.env.sim.social?.learners().find((l) => l.id === id);
      if (!learner) throw new Error(`live run: no agent "${id}"`);
      this.policies.set(
        id,
        (p = new KeepLanePolicy(learner.vehicle.spec.interface.action, learner.vehicle.type, this.env.sim.dtS)),
      );
    }
    return p;
  }

  private pause(): void {
    this.playing = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const tickMs = (this.env.sim.dtS * 1000) / this.speed;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (!this.playing) return;
        const tickMs2 = (this.env.sim.dtS * 1000) / this.speed;
        // Catch up at most a few steps per timer, so a slow simulation runs slower than asked, not in bursts.
        const due = Math.min(4, Math.floor((performance.now() - this.clockMs) / tickMs2));
        if (due <= 0) {
          this.schedule();
          return;
        }
        this.clockMs = Math.max(this.clockMs + due * tickMs2, performance.now() - 4 * tickMs2);
        void this.advance(due).then(() => {
          if (this.playing) this.schedule();
        });
      },
      Math.max(4, tickMs / 2),
    );
  }

  /** Steps `n` times (unless the episode ends) and sends the last frame. */
  private async advance(n: number): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    const sim = this.env.sim;
    try {
      let agents = this.latestFrame.agents;
      for (let k = 0; k < n && !sim.episodeOver; k++) {
        const actions: Record<string, unknown> = {};
        for (const id of this.env.agents)
          actions[id] = this.policyFor(id).act(this.observations[id] as AgentObservation);
        const r = await this.env.step(actions);
        this.observations = { ...this.observations, ...r.observations };
        // Every step's reward counts towards the totals, also of frames no viewer is sent.
        agents = this.agentsOf(sim.frame);
      }
      this.latestFrame = fromSimFrame(sim.frame, agents);
      for (const l of this.listeners) l.frame(this.latestFrame);
      if (sim.episodeOver) {
        this.pause();
        this.broadcastStatus();
      }
    } catch (e) {
      this.pause();
      for (const l of this.listeners) l.error(`the simulation stopped: ${(e as Error).message}`);
      this.broadcastStatus();
    } finally {
      this.busy = false;
    }
  }

  private broadcastStatus(): void {
    const s = this.status();
    for (const l of this.listeners) l.status(s);
  }
}
