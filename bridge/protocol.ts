/**
 * The wire protocol between the Python package (`python/roadgym/_protocol.py` mirrors this file)
 * and the bridge server: length-prefixed frames over two pipes, little-endian throughout.
 *
 * A frame is a `u32` payload length followed by the payload; the payload's first byte is the
 * message type. Requests that happen once per environment or episode (make, reset options,
 * benchmark tasks) carry JSON after the type byte; the per-step messages are binary:
 *
 * - **step request**: `u16 count`, then per action `u16 agentIndex` (into `possibleAgents`),
 *   `u32 byteLength` and the action bytes: a Discrete action is an `i32` index; a Box action its
 *   elements as `f64` (whole-number elements, like a lane change, are rounded); a Sequence action
 *   (trajectory points) an `u32` point count and the points' elements as `f64`.
 * - **step reply** (also the reply to reset): the header ({@link STEP_HEADER_BYTES} bytes: `u32
 *   tick`, `u16 reported`, `u16 live`, `u16 newStrings`, `u8 episodeOver`, `u8` padding), the live
 *   agents after the step (`u16` indices), zero padding to 8, one {@link AGENT_RECORD_BYTES}-byte
 *   record per reported agent, the strings first used by this reply (`u16` byte length + UTF-8
 *   each; the string table only grows, so lane ids cross once per connection), zero padding to 4,
 *   then each reported agent's observation in the layout its handshake described
 *   (`spaceLayout.ts`).
 *
 * An agent record: `f64 reward`, `f64 routePositionM`, `f64 routeLengthM`, `f64 speedMps` (NaN
 * where unknown), `u32` string indices of the lane id, road id, done reasons (comma-joined) and via
 * points hit (comma-joined), `u16 agentIndex`, `u8 flags` ({@link FLAG_TERMINATED},
 * {@link FLAG_TRUNCATED}), `u8` event bits ({@link EVENT_BITS}), 4 bytes of padding.
 *
 * Any request may be answered by an error ({@link MSG.error}, JSON `{kind, message, diagnostics?}`);
 * the session goes on after it (a failed step moved nothing; reset starts afresh).
 */

/** Protocol version: the handshake fails when the client speaks another. */
export const PROTOCOL_VERSION = 1;

/** Message types (first payload byte). Replies set the high bit of their request's type. */
export const MSG = {
  /** JSON `{protocol, scenario, options}` → JSON handshake (agents, spaces, scenario). */
  make: 0x01,
  /** JSON `{seed?, variation?}` → step reply. */
  reset: 0x02,
  /** Binary actions → step reply. */
  step: 0x03,
  /** JSON `{width?, height?, follow?}` → `u16 height`, `u16 width`, RGB bytes. */
  render: 0x04,
  /** Closes the environment (sinks flushed); the server exits after the reply. */
  close: 0x05,
  /** JSON `{suite, episodes?, seeds?}` → JSON `{name, tasks}`: a benchmark suite's episode tasks. */
  benchmarkPlan: 0x10,
  /** JSON `{task}` → JSON `{outcome}`: runs one benchmark episode. */
  benchmarkEpisode: 0x11,
  /** JSON `{suite, episodes?, seeds?, outcomes, out}` → JSON `{files, table, episodes, agentEpisodes}`: writes the report. */
  benchmarkReport: 0x12,
  /** Reply bit. */
  reply: 0x80,
  /** JSON `{kind, message, diagnostics?}`. */
  error: 0xff,
} as const;

/** Bytes of the step reply's header. */
export const STEP_HEADER_BYTES = 12;
/** Bytes of one agent record in a step reply. */
export const AGENT_RECORD_BYTES = 56;
/** Agent record flag: the agent's episode ended by a done criterion. */
export const FLAG_TERMINATED = 1;
/** Agent record flag: the agent's episode was cut short (step limit, duration, released by its bubble). */
export const FLAG_TRUNCATED = 2;
/** The boolean road events, bit `i` for entry `i` (`viaPointsHit` travels as a string). */
export const EVENT_BITS = [
  "collision",
  "offRoad",
  "onShoulder",
  "offRoute",
  "wrongWay",
  "notMoving",
  "reachedGoal",
  "reachedMaxSteps",
] as const;

/** Frames larger than this are refused (a corrupt length prefix, not a real message). */
export const MAX_FRAME_BYTES = 1 << 30;
