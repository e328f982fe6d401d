/**
 * The playground's simulation worker, apart from the Web Worker glue (web/playground/worker): it
 * answers the page's messages (web/playground/sim/workerProtocol.ts) — compiles for diagnostics,
 * starts episodes, steps them on the playback bar's commands at `speed` × real time (as the live
 * viewer server does, web/server/LiveRun.ts) or as fast as they go, and sends each shown frame as
 * a replay record with flow control (the next frame only after the page acknowledged the last; a
 * newer frame replaces an unsent one). Runs under Node in tests with the same code.
 */
import { FrameEncoder, type EncodableFrame } from "../../../replay/FrameEncoder.js";
import { agentRewards } from "../../../replay/agentRewards.js";
import { fromSimFrame } from "../../../replay/fromSimFrame.js";
import { headerForScenario } from "../../../replay/headerForScenario.js";
import { parseReplayHeader, REPLAY_SCHEMA_VERSION } from "../../../replay/ReplayHeader.js";
import type { ClientCommand, PlaybackStatus } from "../../protocol/viewerProtocol.js";
import type { PlaygroundEpisode } from "./PlaygroundEpisode.js";
import { PlaygroundSession, showDiagnostic, type PlaygroundAssets } from "./PlaygroundSession.js";
import type { FromWorker, ToWorker } from "./workerProtocol.js";

/** Frames sent at most this often while running as fast as possible (ms): the page renders at about 30 fps. */
const FAST_FRAME_MS = 40;

/** Posts a message to the page (`transfer`: buffers handed over). */
export type PostToPage = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

/** The worker's state and message handling; see the file comment. */
export class PlaygroundWorker {
  private readonly session: PlaygroundSession;
  private episode: PlaygroundEpisode | undefined;
  private rewards: ReturnType<typeof agentRewards> | undefined;
  private encoder = new FrameEncoder({ keyframeInterval: 50 });
  private inFlight = false;
  private pending: EncodableFrame | undefined;
  private playing = false;
  private fast = false;
  private speed = 1;
  private clockMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private failure: string | undefined;
  private wallMs = 0;
  /** Starts and compiles are answered in order; a newer start cancels an older one's episode. */
  private generation = 0;

  constructor(
    assets: PlaygroundAssets,
    private readonly post: PostToPage,
  ) {
    this.session = new PlaygroundSession(assets);
    post({ type: "ready", examples: this.session.examples(), policies: this.session.policyDirs() });
  }

  /** Handles one message from the page. */
  async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case "compile": {
          const r = await this.session.compile(msg.text, msg.file);
          this.post({ type: "diagnostics", id: msg.id, ok: r.ok, diagnostics: r.diagnostics.map(showDiagnostic) });
          return;
        }
        case "start":
          return await this.start(msg);
        case "command":
          return this.command(msg.command);
        case "runToEnd":
          return this.runToEnd();
        case "ack":
          return this.acked();
        case "replay": {
          const recorded = this.episode?.replay?.bytes();
          const bytes = recorded ? new Uint8Array(recorded) : null;
          const name = this.episode ? `${this.episode.env.scenario.name}-seed${this.episode.seed}.replay` : "";
          this.post({ type: "replay", name, bytes }, bytes ? [bytes.buffer] : []);
          return;
        }
        case "file": {
          try {
            this.post({ type: "file", id: msg.id, path: msg.path, text: await this.session.text(msg.path) });
          } catch (e) {
            this.post({ type: "file", id: msg.id, path: msg.path, text: null, error: (e as Error).message });
          }
          return;
        }
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private async start(msg: Extract<ToWorker, { type: "start" }>): Promise<void> {
    const generation = ++this.generation;
    this.pause();
    const old = this.episode;
    this.episode = undefined;
    this.failure = undefined;
    if (old) await old.close();
    const policy = msg.policy.kind === "zoo" ? { kind: "zoo" as const, locator: msg.policy.locator } : msg.policy;
    const r = await this.session.start(msg.text, msg.file, policy, { seed: msg.seed });
    const diagnostics = (r.ok ? r.warnings : r.diagnostics).map(showDiagnostic);
    this.post({ type: "diagnostics", id: msg.id, ok: r.ok, diagnostics });
    if (!r.ok) return;
    if (generation !== this.generation) {
      await r.episode.close();
      return;
    }
    const episode = r.episode;
    this.episode = episode;
    this.wallMs = 0;
    const env = episode.env;
    this.rewards = agentRewards(() => env.sim);
    const header = parseReplayHeader({
      ...headerForScenario(env.scenario, env.network, env.sim.seed, env.sim.variation.name),
      format: "roadgym-replay",
      schemaVersion: REPLAY_SCHEMA_VERSION,
      keyframeInterval: 50,
    });
    this.encoder = new FrameEncoder({ keyframeInterval: 50 });
    this.inFlight = false;
    this.pending = undefined;
    this.post({ type: "hello", hello: { mode: "live", name: msg.file, header, replays: [] } });
    this.sendFrame();
    this.sendStatus();
  }

  private command(cmd: ClientCommand): void {
    const episode = this.episode;
    if (!episode) return this.post({ type: "error", message: "no episode: press Run first" });
    switch (cmd.type) {
      case "play":
        if (this.failure) return this.post({ type: "error", message: this.failure });
        if (episode.ended) return this.post({ type: "error", message: "the episode has ended" });
        this.playing = true;
        this.fast = false;
        this.clockMs = performance.now();
        this.schedule();
        break;
      case "pause":
        this.pause();
        this.sendSummary();
        break;
      case "step":
        this.pause();
        if (this.failure) return this.post({ type: "error", message: this.failure });
        void this.advance(1);
        break;
      case "speed":
        this.speed = cmd.value;
        this.clockMs = performance.now();
        break;
      case "seek":
      case "open":
        return this.post({ type: "error", message: "the playground runs live: download the replay to seek in it" });
    }
    this.sendStatus();
  }

  private runToEnd(): void {
    if (!this.episode) return this.post({ type: "error", message: "no episode: press Run first" });
    if (this.failure) return this.post({ type: "error", message: this.failure });
    this.pause();
    this.playing = true;
    this.fast = true;
    this.sendStatus();
    this.schedule();
  }

  private pause(): void {
    this.playing = false;
    this.fast = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const episode = this.episode;
    if (!episode || !this.playing) return;
    if (this.fast) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        const until = performance.now() + FAST_FRAME_MS;
        void this.advance(Number.POSITIVE_INFINITY, until).then(() => this.schedule());
      }, 0);
      return;
    }
    const tickMs = (episode.env.scenario.dtS * 1000) / this.speed;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (!this.playing) return;
        // Catch up at most a few steps per timer, so a slow simulation runs slower than asked, not in bursts.
        const due = Math.min(4, Math.floor((performance.now() - this.clockMs) / tickMs));
        if (due <= 0) return this.schedule();
        this.clockMs = Math.max(this.clockMs + due * tickMs, performance.now() - 4 * tickMs);
        void this.advance(due).then(() => this.schedule());
      },
      Math.max(4, tickMs / 2),
    );
  }

  /** Steps up to `n` times (until the episode ends, or past `untilMs`), then sends the last frame. */
  private async advance(n: number, untilMs = Number.POSITIVE_INFINITY): Promise<void> {
    const episode = this.episode;
    if (!episode || this.busy || this.failure) return;
    this.busy = true;
    const t0 = performance.now();
    try {
      for (let k = 0; k < n && !episode.ended; k++) {
        await episode.step();
        // Every step's reward counts towards the agents' totals, also in frames the page is not sent.
        this.pending = fromSimFrame(episode.env.sim.frame, this.rewards!(episode.env.sim.frame));
        if (performance.now() >= untilMs) break;
      }
    } catch (e) {
      this.failure = `the simulation failed at tick ${episode.env.sim.tick}: ${(e as Error).message}`;
      this.pause();
      this.post({ type: "error", message: this.failure });
    } finally {
      this.wallMs += performance.now() - t0;
      this.busy = false;
    }
    if (episode !== this.episode) return;
    this.flush();
    if (episode.ended) {
      this.pause();
      this.sendSummary();
    }
    this.sendStatus();
  }

  /** Sends the reset frame. */
  private sendFrame(): void {
    const episode = this.episode!;
    this.pending = fromSimFrame(episode.env.sim.frame, this.rewards!(episode.env.sim.frame));
    this.flush();
  }

  /** Sends the pending frame unless one is waiting for the page. */
  private flush(): void {
    if (this.inFlight || !this.pending) return;
    const enc = this.encoder.encode(this.pending);
    this.pending = undefined;
    const record = new Uint8Array(enc.payload.length + 1);
    record[0] = enc.kind;
    record.set(enc.payload, 1);
    this.inFlight = true;
    this.post({ type: "frame", record }, [record.buffer]);
  }

  private acked(): void {
    this.inFlight = false;
    this.flush();
  }

  private sendStatus(): void {
    const episode = this.episode;
    if (!episode) return;
    const tick = episode.env.sim.tick;
    const status: PlaybackStatus = {
      playing: this.playing,
      speed: this.speed,
      tick,
      firstTick: 0,
      lastTick: tick,
      ended: episode.ended || this.failure !== undefined,
    };
    this.post({ type: "status", status });
  }

  private sendSummary(): void {
    const episode = this.episode;
    if (!episode) return;
    this.post({ type: "summary", summary: { ...episode.summary(), wallSeconds: this.wallMs / 1000 } });
  }

  private fail(e: unknown): void {
    this.pause();
    this.post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
}
