/**
 * The bytes of a replay file, record by record, without a file: magic and header before the first
 * frame, one record per frame (keyframe or delta, see the frame codec), and at the end the keyframe
 * index and the footer. {@link ReplayWriter} writes them to a file as they come (Node);
 * {@link ReplayBuffer} keeps them in memory (the browser playground's "download replay").
 */
import type { SimFrame } from "../core/simulation/SimFrame.js";
import { FrameEncoder, type EncodableFrame } from "./FrameEncoder.js";
import { fromSimFrame } from "./fromSimFrame.js";
import { encodeFooter, encodeRecord, RecordKind, REPLAY_MAGIC } from "./recordFormat.js";
import type { ReplayAgent, ReplayBubble } from "./ReplayFrame.js";
import { parseReplayHeader, REPLAY_SCHEMA_VERSION, type ReplayHeader, type ReplayHeaderInput } from "./ReplayHeader.js";
import { encodeIndex, type KeyframeEntry } from "./replayIndex.js";

/** Options of a replay's encoding (and of a {@link ReplayWriter}). */
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

/** Encodes one episode's frames into replay records; see the file comment. */
export class ReplayEncoder {
  private readonly encoder: FrameEncoder;
  private headerValue: ReplayHeader | undefined;
  private offset = 0;
  private readonly keyframes: KeyframeEntry[] = [];
  private frames = 0;
  private firstTick = -1;
  private lastTickValue = -1;
  private vehicleFrameCount = 0;
  private frameBytes = 0;

  /** @param name the replay's name in error messages (its path) */
  constructor(
    private readonly name: string,
    private readonly options: ReplayWriterOptions,
  ) {
    this.encoder = new FrameEncoder({ keyframeInterval: options.keyframeInterval ?? 100 });
  }

  /** The header (after the first frame). */
  get header(): ReplayHeader | undefined {
    return this.headerValue;
  }

  /** Frames encoded. */
  get frameCount(): number {
    return this.frames;
  }

  /** The tick of the last frame encoded (-1 before the first). */
  get lastTick(): number {
    return this.lastTickValue;
  }

  /** Bytes produced so far (the file's length once they are written). */
  get byteCount(): number {
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

  /** The bytes of a simulation frame's record (with the agents' rewards and the bubbles the options give). */
  encodeSimFrame(frame: SimFrame): Uint8Array {
    return this.encodeFrame(fromSimFrame(frame, this.options.agents?.(frame), this.options.bubbles?.(frame)));
  }

  /**
   * The bytes of a frame's record, preceded by the magic and the header for the first frame.
   * @throws Error when the tick does not follow the last one (a replay holds one episode)
   */
  encodeFrame(frame: EncodableFrame): Uint8Array {
    if (this.frames > 0 && frame.tick <= this.lastTickValue)
      throw new Error(
        `replay ${this.name}: tick ${frame.tick} after tick ${this.lastTickValue}; a replay holds one episode (use a new writer after reset)`,
      );
    const head = this.headerValue ? undefined : this.encodeHeader();
    const enc = this.encoder.encode(frame);
    const rec = encodeRecord(enc.kind, enc.payload);
    if (head) this.offset += head.length;
    if (enc.kind === RecordKind.keyframe) this.keyframes.push({ tick: frame.tick, offset: this.offset });
    this.offset += rec.length;
    if (this.frames === 0) this.firstTick = frame.tick;
    this.frames++;
    this.lastTickValue = frame.tick;
    this.vehicleFrameCount += frame.ids.length;
    this.frameBytes += rec.length;
    if (!head) return rec;
    const both = new Uint8Array(head.length + rec.length);
    both.set(head, 0);
    both.set(rec, head.length);
    return both;
  }

  /** The keyframe index record and the footer that end the file (after at least one frame). */
  finish(): Uint8Array {
    const index = encodeRecord(
      RecordKind.index,
      encodeIndex({
        frameCount: this.frames,
        firstTick: this.firstTick,
        lastTick: this.lastTickValue,
        keyframes: this.keyframes,
      }),
    );
    const footer = encodeFooter(this.offset);
    const out = new Uint8Array(index.length + footer.length);
    out.set(index, 0);
    out.set(footer, index.length);
    return out;
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
}
