/**
 * The messages between the playground page and its simulation worker (web/playground/worker). The
 * viewer's part reuses the viewer protocol (web/protocol/viewerProtocol.ts): a `hello` with the
 * replay header, frames as replay records (one byte record kind, then the `replay/FrameEncoder`
 * payload) each acknowledged by the page before the next is sent, and the playback status; the
 * page's playback bar sends the same commands it sends a viewer server.
 */
import type { ClientCommand, Hello, PlaybackStatus } from "../../protocol/viewerProtocol.js";
import type { EpisodeSummary } from "./PlaygroundEpisode.js";
import type { ShownDiagnostic } from "./PlaygroundSession.js";

/** What drives the learning agents, as the page names it: keep-lane, or a zoo locator. */
export type PolicyChoice = { kind: "keep-lane" } | { kind: "zoo"; locator: string };

/** Page → worker. */
export type ToWorker =
  /** Compile only (live diagnostics); answered by `diagnostics` with the same `id`. */
  | { type: "compile"; id: number; text: string; file: string }
  /** Compile and start an episode (paused at tick 0); answered by `diagnostics`, then `hello` and the first frame. */
  | { type: "start"; id: number; text: string; file: string; seed: number; policy: PolicyChoice }
  /** A viewer command (play, pause, step, speed) for the running episode. */
  | { type: "command"; command: ClientCommand }
  /** Step as fast as the simulation goes to the episode's end (frames sent at most every 40 ms). */
  | { type: "runToEnd" }
  /** The page has shown the last frame. */
  | { type: "ack" }
  /** The replay of the episode so far; answered by `replay`. */
  | { type: "replay" }
  /** The text of a shipped file (an example scenario); answered by `file`. */
  | { type: "file"; id: number; path: string };

/** Worker → page. */
export type FromWorker =
  /** The worker is ready: the examples and trained policies it ships. */
  | { type: "ready"; examples: string[]; policies: string[] }
  | { type: "diagnostics"; id: number; ok: boolean; diagnostics: ShownDiagnostic[] }
  | { type: "hello"; hello: Hello }
  | { type: "frame"; record: Uint8Array<ArrayBuffer> }
  | { type: "status"; status: PlaybackStatus }
  /** The episode's summary and metrics (sent when it ends, and on pause). */
  | { type: "summary"; summary: EpisodeSummary & { wallSeconds: number } }
  | { type: "replay"; name: string; bytes: Uint8Array<ArrayBuffer> | null }
  | { type: "file"; id: number; path: string; text: string | null; error?: string }
  /** Something failed (the message says what; the episode, if any, is paused). */
  | { type: "error"; message: string };
