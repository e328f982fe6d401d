/**
 * A live simulation for the viewer (`roadgym view <scenario.scn>`): the scenario's environment from
 * makeEnv (traffic, social agents, bubbles), every learning agent driven by the default driver (idm-mobil@v2) or
 * the zoo policy asked for (as `roadgym run` does), stepped on the viewers' commands — play (at `speed` × real time),
 * pause, single step. One run is shared by every viewer of the server: any of them controls it,
 * all of them see it. A simulation error pauses the run and is reported; it never stops the server.
 * The run is then over: later play and step commands are answered with that error (a SUMO that
 * died stays named as the cause), not with whatever a half-stepped simulation would say next.
 */
import type { TrafficChoice } from "../../compose/buildProviders.js";
import type { ScenarioSource } from "../../compose/loadScenario.js";
import type { PolicyDriver } from "../../compose/PolicyDriver.js";
import { makeDrivenEnv, type PolicyEnv } from "../../compose/policyEnv.js";
import type { ZooPolicyChoice } from "../../compose/zooPolicies.js";
import type { RoadgymEnv } from "../../compose/RoadgymEnv.js";
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
  /** Drive the learning agents with this zoo policy (agents take its interface). @default the default driver (idm-mobil@v2) */
  policy?: ZooPolicyChoice;
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
  private latestFrame: EncodableFrame;
  private playing = false;
  private speed = 1;
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private clockMs = 0;
  private closed = false;
  /** Why the simulation stopped (an error while stepping), once it has. */
  private failure: string | undefined;
  private readonly agentsOf: ReturnType<typeof agentRewards>;

  private readonly env: RoadgymEnv;
  private readonly driver: PolicyDriver;

  private constructor(
    readonly name: string,
    private readonly built: PolicyEnv,
    header: ReplayHeader,
  ) {
    this.env = built.env;
    this.driver = built.driver;
    const env = this.env;
    this.header = header;
    this.agentsOf = agentRewards(() => env.sim);
    this.latestFrame = fromSimFrame(env.sim.frame, this.agentsOf(env.sim.frame));
  }

  /** Builds the simulation and resets it (tick 0); throws on a scenario the simulation refuses. */
  static async start(name: string, scenario: ScenarioSource, options: LiveRunOptions = {}): Promise<LiveRun> {
    // Every tick is shown, also those before a learner-only scenario's first capture.
    const built = await makeDrivenEnv(scenario, options.policy, { traffic: options.traffic, skipToAgents: false });
    const { env, driver } = built;
    try {
      await driver.reset({ seed: options.seed });
    } catch (e) {
      await built.close();
      throw e;
    }
    const header = parseReplayHeader({
      ...headerForScenario(env.scenario, env.network, env.sim.seed, env.sim.variation.name),
      format: "roadgym-replay",
      schemaVersion: REPLAY_SCHEMA_VERSION,
      keyframeInterval: 50,
    });
    const run = new LiveRun(name, built, header);
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
      ended: this.env.sim.episodeOver || this.failure !== undefined,
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
        if (this.failure) return this.failure;
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
        if (this.failure) return this.failure;
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
    await this.built.close();
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
    if (this.busy || this.closed || this.failure) return;
    this.busy = true;
    const sim = this.env.sim;
    try {
      let agents = this.latestFrame.agents;
      for (let k = 0; k < n && !sim.episodeOver; k++) {
        await this.driver.step();
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
      this.failure = `the simulation stopped at tick ${sim.tick}: ${(e as Error).message}; start the viewer again to run it anew`;
      for (const l of this.listeners) l.error(this.failure);
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
