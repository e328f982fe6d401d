/**
 * Writes a replay file as the simulation runs: a {@link FrameSink} (DESIGN.md §4 phase 8) that
 * appends one record per frame with a single `write` call, so the file on disk is at every moment
 * a readable replay up to its last whole frame — a killed process loses at most the frame being
 * written (readers recover by scanning, see {@link ReplayReader}). `close` appends the keyframe
 * index and the footer that let readers skip the scan. Node only (the viewer never bundles this).
 *
 * The file is created with the first frame, its header and that frame written at once, so a run
 * that fails or is killed before its first frame leaves no file, and never an empty one. A write
 * that fails (disk full, quota, file-size limit) cuts the file back to its last whole record,
 * closes it — a replay readable up to the last frame written — and throws an
 * {@link OutputWriteError}; later calls do nothing. A file that got no record at all is removed.
 *
 * Per-agent rewards and done flags are not part of a `SimFrame`; whoever runs the simulation
 * attaches them through the `agents` callback, called with each frame as it is recorded. Bubble
 * zones come from the frame (`SimFrame.bubbles`) unless a `bubbles` callback overrides them.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, unlinkSync, writeSync } from "node:fs";
import { checkWritableOutput, OutputWriteError } from "../spec/OutputWriteError.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import { FrameEncoder, type EncodableFrame } from "./FrameEncoder.js";
import { fromSimFrame } from "./fromSimFrame.js";
import { encodeFooter, encodeRecord, RecordKind, REPLAY_MAGIC } from "./recordFormat.js";
import type { ReplayAgent, ReplayBubble } from "./ReplayFrame.js";
import { parseReplayHeader, REPLAY_SCHEMA_VERSION, type ReplayHeader, type ReplayHeaderInput } from "./ReplayHeader.js";
import { encodeIndex, type KeyframeEntry } from "./replayIndex.js";

/** Options of a {@link ReplayWriter}. */
export interface ReplayWriterOptions {
  /** The header, or a function giving it at the first frame (when the episode's seed and variation are known). */
  header: Omit<ReplayHeaderInput, "keyframeInterval"> | (() => Omit<ReplayHeaderInput, "keyframeInterval">);
  /** A keyframe at least every this many ticks. @default 100 */
  keyframeInterval?: number;
  /** Each agent's reward and done flag at a frame. @default none */
  agents?: (frame: SimFrame) => ReplayAgent[];
  /** The bubble zones at a frame. @default the frame's own (`SimFrame.bubbles`) */
  bubbles?: (frame: SimFrame) => ReplayBubble[];
}

/** Streams frames into a replay file. */
export class ReplayWriter implements FrameSink {
  private fd: number | undefined;
  /** Closed (by `close`, or after a failed write): nothing more is written. */
  private closed = false;
  /** Why writing stopped, when a write failed. */
  private failure: OutputWriteError | undefined;
  private readonly encoder: FrameEncoder;
  private readonly options: ReplayWriterOptions;
  private headerValue: ReplayHeader | undefined;
  private offset = 0;
  private readonly keyframes: KeyframeEntry[] = [];
  private frames = 0;
  private firstTick = -1;
  private lastTick = -1;
  private vehicleFrameCount = 0;
  private frameBytes = 0;

  /**
   * Checks `path` at once (a missing folder or a folder in its place fails before the run starts);
   * the file is created (or truncated) with the first frame.
   * @throws OutputWriteError when `path` cannot be a file
   */
  constructor(
    readonly path: string,
    options: ReplayWriterOptions,
  ) {
    this.options = options;
    this.encoder = new FrameEncoder({ keyframeInterval: options.keyframeInterval ?? 100 });
    checkWritableOutput("the replay", path);
  }

  /** Why writing stopped early (a failed write), or undefined. */
  get writeFailure(): OutputWriteError | undefined {
    return this.failure;
  }

  /** The header written (after the first frame). */
  get header(): ReplayHeader | undefined {
    return this.headerValue;
  }

  /** Frames written. */
  get frameCount(): number {
    return this.frames;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Sum over frames of the vehicles in them. */
  get vehicleFrames(): number {
    return this.vehicleFrameCount;
  }

  /** Bytes of frame records (with their framing) per vehicle per frame, so far. */
  get bytesPerVehicleFrame(): number {
    return this.vehicleFrameCount > 0 ? this.frameBytes / this.vehicleFrameCount : 0;
  }

  /** Records a simulation frame (the sink interface). */
  onFrame(frame: SimFrame): void {
    this.writeFrame(fromSimFrame(frame, this.options.agents?.(frame), this.options.bubbles?.(frame)));
  }

  /** Records a frame given as replay columns (ticks must increase). */
  writeFrame(frame: EncodableFrame): void {
    if (this.failure) return;
    if (this.closed) throw new Error(`replay ${this.path}: already closed`);
    if (this.frames > 0 && frame.tick <= this.lastTick)
      throw new Error(
        `replay ${this.path}: tick ${frame.tick} after tick ${this.lastTick}; a replay holds one episode (use a new writer after reset)`,
      );
    const head = this.headerValue ? undefined : this.encodeHeader();
    const enc = this.encoder.encode(frame);
    const rec = encodeRecord(enc.kind, enc.payload);
    if (head) {
      this.open();
      this.append(head);
    }
    if (enc.kind === RecordKind.keyframe) this.keyframes.push({ tick: frame.tick, offset: this.offset });
    this.append(rec);
    if (this.frames === 0) this.firstTick = frame.tick;
    this.frames++;
    this.lastTick = frame.tick;
    this.vehicleFrameCount += frame.ids.length;
    this.frameBytes += rec.length;
  }

  /**
   * Appends the index and footer and closes the file; a writer that got no frame writes no file.
   * Safe to call twice, and after a failed write (it does nothing then).
   * @throws OutputWriteError when the index cannot be written (the frames stay readable)
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd === undefined) return;
    const indexOffset = this.offset;
    this.append(
      encodeRecord(
        RecordKind.index,
        encodeIndex({
          frameCount: this.frames,
          firstTick: this.firstTick,
          lastTick: this.lastTick,
          keyframes: this.keyframes,
        }),
      ),
    );
    this.append(encodeFooter(indexOffset));
    closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    try {
      this.fd = openSync(this.path, "w");
    } catch (e) {
      throw this.fail(e);
    }
  }

  /**
   * After a failed write: the file cut back to its last whole record and closed (removed when it
   * holds none), the writer closed; returns the error to throw.
   */
  private fail(cause: unknown): OutputWriteError {
    const fd = this.fd;
    this.fd = undefined;
    this.closed = true;
    if (fd !== undefined) {
      let regular = false;
      try {
        regular = fstatSync(fd).isFile();
        if (regular) ftruncateSync(fd, this.offset);
      } catch {
        // The frames before stay readable by recovery even with a torn record after them.
      }
      closeSync(fd);
      if (regular && this.offset === 0) unlinkSync(this.path);
    }
    this.failure = OutputWriteError.of(
      "the replay",
      this.path,
      cause,
      this.frames > 0
        ? `it stops after ${this.frames} frames (tick ${this.lastTick}) and reads back up to there`
        : "no frame was written",
    );
    return this.failure;
  }

  /** Magic and header record, from the header option (called at the first frame). */
  private encodeHeader(): Uint8Array {
    const given = typeof this.options.header === "function" ? this.options.header() : this.options.header;
    const header = parseReplayHeader({
      ...given,
      format: "roadgym-replay",
      schemaVersion: REPLAY_SCHEMA_VERSION,
      keyframeInterval: this.encoder.keyframeInterval,
    });
    this.headerValue = header;
    const json = new TextEncoder().encode(JSON.stringify(header));
    const magicAndHeader = new Uint8Array(REPLAY_MAGIC.length + json.length + 9);
    magicAndHeader.set(REPLAY_MAGIC, 0);
    magicAndHeader.set(encodeRecord(RecordKind.header, json), REPLAY_MAGIC.length);
    return magicAndHeader;
  }

  /** One `write` per record: the file never holds a record's end without its start. */
  private append(bytes: Uint8Array): void {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done);
    } catch (e) {
      throw this.fail(e);
    }
    this.offset += bytes.length;
  }
}
