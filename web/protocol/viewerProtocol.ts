/**
 * The socket.io messages between the viewer server and its browser clients (docs/viewer.md). Every
 * client message is validated with {@link ClientCommandSchema} on the server; a bad one is answered
 * with a `commandError` event and changes nothing. Pure (zod only): the client bundles it.
 *
 * Server → client events:
 * - `hello` ({@link Hello}): the mode, the replay header, the tick range; sent on connection and
 *   after `open`.
 * - `frame` (binary: one byte record kind, then the record payload of `replay/FrameEncoder`), with
 *   an acknowledgement callback; the server sends the next frame only after the client acknowledged
 *   the last one, so a slow client gets the latest frame rather than a backlog.
 * - `status` ({@link PlaybackStatus}): after every change of playing, speed or range.
 * - `commandError` ({@link CommandError}).
 *
 * Client → server: `command` ({@link ClientCommand}).
 */
import { z } from "zod";
import { ReplayHeaderSchema } from "../../replay/ReplayHeader.js";

/** Playback speeds a client may ask for (multiples of real time). */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 32;

/** A replay's name inside the server's replay directory: a plain file name, no path. */
export const ReplayNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, "must be a file name inside the replay directory, without a path")
  .refine((s) => s !== "." && s !== "..", "must be a file name inside the replay directory");

/** A command from a viewer. */
export const ClientCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("play") }).strict(),
  z.object({ type: z.literal("pause") }).strict(),
  /** One frame forward (live: one simulation step), then paused. */
  z.object({ type: z.literal("step") }).strict(),
  /** Go to a tick (replays only). */
  z.object({ type: z.literal("seek"), tick: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict(),
  /** Playback speed, a multiple of real time. */
  z.object({ type: z.literal("speed"), value: z.number().min(MIN_SPEED).max(MAX_SPEED) }).strict(),
  /** Switch to another replay of the server's replay directory (replay mode only). */
  z.object({ type: z.literal("open"), replay: ReplayNameSchema }).strict(),
]);
/** A command from a viewer. */
export type ClientCommand = z.infer<typeof ClientCommandSchema>;

/** What the server says first. */
export const HelloSchema = z.object({
  mode: z.enum(["replay", "live"]),
  /** Replay file name (replay mode) or scenario file name (live). */
  name: z.string(),
  header: ReplayHeaderSchema,
  /** Replays in the server's directory (replay mode). */
  replays: z.array(z.string()),
  /** Set when the replay was read by recovery (its writer did not close it). */
  recovery: z.string().optional(),
});
/** What the server says first. */
export type Hello = z.infer<typeof HelloSchema>;

/** Where playback stands. */
export const PlaybackStatusSchema = z.object({
  playing: z.boolean(),
  speed: z.number(),
  /** Tick of the last frame sent. */
  tick: z.number().int(),
  firstTick: z.number().int(),
  /** Last tick there is (live: the simulation's current tick). */
  lastTick: z.number().int(),
  /** Live: the episode has ended. Replay: playback reached the last frame. */
  ended: z.boolean(),
});
/** Where playback stands. */
export type PlaybackStatus = z.infer<typeof PlaybackStatusSchema>;

/** Why a command was refused. */
export const CommandErrorSchema = z.object({ message: z.string() });
/** Why a command was refused. */
export type CommandError = z.infer<typeof CommandErrorSchema>;

/** Parses a client command, or says what is wrong with it in one line. */
export function parseClientCommand(
  value: unknown,
): { ok: true; command: ClientCommand } | { ok: false; message: string } {
  const r = ClientCommandSchema.safeParse(value);
  if (r.success) return { ok: true, command: r.data };
  return { ok: false, message: `bad command: ${z.prettifyError(r.error).replace(/\n/g, "; ")}` };
}
