/**
 * One viewer watching one replay: its own reader, play/pause/step/seek/speed, and a wall-clock
 * timer that advances the tick at `speed` × real time (sending at most one frame per display
 * frame, ~60 per second; the frames in between are skipped, not queued). Viewers of the same
 * server play independently.
 */
import { basename } from "node:path";
import type { Socket } from "socket.io";
import { openReplayFile } from "../../replay/FileByteSource.js";
import type { ReplayReader } from "../../replay/ReplayReader.js";
import type { ClientCommand, Hello, PlaybackStatus } from "../protocol/viewerProtocol.js";
import { FrameStream } from "./FrameStream.js";
import type { ReplayDirectory } from "./ReplayDirectory.js";

/** Shortest interval between frames sent (ms): about one display frame. */
const MIN_INTERVAL_MS = 1000 / 60;

/** Replay playback for one socket. */
export class ReplayPlayback {
  private reader: ReplayReader | undefined;
  private closeFile: (() => void) | undefined;
  private name = "";
  private playing = false;
  private speed = 1;
  private tick = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Wall time (ms) that the current tick corresponds to while playing. */
  private clockMs = 0;
  private readonly stream: FrameStream;

  constructor(
    private readonly socket: Socket,
    private readonly dir: ReplayDirectory,
  ) {
    this.stream = new FrameStream(socket);
  }

  /** Opens replay `name` of the directory, says hello and sends its first frame; an error message if it cannot. */
  open(name: unknown): string | undefined {
    const found = this.dir.resolve(name);
    if ("error" in found) return found.error;
    let opened: ReturnType<typeof openReplayFile>;
    try {
      opened = openReplayFile(found.path);
    } catch (e) {
      return `cannot open replay ${JSON.stringify(basename(found.path))}: ${(e as Error).message}`;
    }
    if (opened.reader.frameCount === 0) {
      opened.close();
      return `replay ${JSON.stringify(basename(found.path))} has no frames`;
    }
    this.stop();
    this.closeFile?.();
    this.reader = opened.reader;
    this.closeFile = opened.close;
    this.name = basename(found.path);
    this.tick = opened.reader.firstTick;
    this.stream.restart();
    const hello: Hello = {
      mode: "replay",
      name: this.name,
      header: opened.reader.header,
      replays: this.dir.list(),
      ...(opened.reader.recovery && { recovery: opened.reader.recovery }),
    };
    this.socket.emit("hello", hello);
    this.sendFrame();
    this.sendStatus();
    return undefined;
  }

  /** Carries out a validated command; returns an error message when it cannot. */
  handle(cmd: ClientCommand): string | undefined {
    if (cmd.type === "open") return this.open(cmd.replay);
    const r = this.reader;
    if (!r) return "no replay is open";
    switch (cmd.type) {
      case "play":
        if (this.tick >= r.lastTick) this.tick = r.firstTick;
        this.playing = true;
        this.clockMs = performance.now();
        this.schedule();
        break;
      case "pause":
        this.stop();
        break;
      case "step":
        this.stop();
        if (this.tick < r.lastTick) this.tick = this.nextTick(this.tick);
        this.sendFrame();
        break;
      case "seek":
        if (cmd.tick > r.lastTick || cmd.tick < r.firstTick)
          return `tick ${cmd.tick} is outside the replay (${r.firstTick}–${r.lastTick})`;
        this.tick = cmd.tick;
        this.clockMs = performance.now();
        this.sendFrame();
        break;
      case "speed":
        this.speed = cmd.value;
        this.clockMs = performance.now();
        break;
    }
    this.sendStatus();
    return undefined;
  }

  /** Stops the timer and closes the file (the viewer left). */
  close(): void {
    this.stop();
    this.stream.close();
    this.closeFile?.();
    this.closeFile = undefined;
    this.reader = undefined;
  }

  private nextTick(tick: number): number {
    const r = this.reader!;
    const f = r.frameAt(tick);
    const next = r.next();
    return next ? next.tick : f.tick;
  }

  private stop(): void {
    this.playing = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const r = this.reader!;
    const tickMs = (r.header.dtS * 1000) / this.speed;
    this.timer = setTimeout(() => this.advance(), Math.max(MIN_INTERVAL_MS, tickMs));
  }

  private advance(): void {
    this.timer = undefined;
    const r = this.reader;
    if (!this.playing || !r) return;
    const tickMs = (r.header.dtS * 1000) / this.speed;
    const due = Math.floor((performance.now() - this.clockMs) / tickMs);
    if (due > 0) {
      this.clockMs += due * tickMs;
      this.tick = Math.min(r.lastTick, this.tick + due);
      this.sendFrame();
    }
    if (this.tick >= r.lastTick) {
      this.playing = false;
      this.sendStatus();
      return;
    }
    this.schedule();
  }

  private sendFrame(): void {
    const r = this.reader!;
    try {
      const f = r.frameAt(this.tick);
      this.tick = f.tick;
      this.stream.send(f);
    } catch (e) {
      this.stop();
      this.socket.emit("commandError", { message: `replay ${this.name}: ${(e as Error).message}` });
    }
  }

  private sendStatus(): void {
    const r = this.reader;
    if (!r) return;
    const status: PlaybackStatus = {
      playing: this.playing,
      speed: this.speed,
      tick: this.tick,
      firstTick: r.firstTick,
      lastTick: r.lastTick,
      ended: !this.playing && this.tick >= r.lastTick,
    };
    this.socket.emit("status", status);
  }
}
