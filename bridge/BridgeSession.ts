/**
 * One Python client's session: it builds the environment with makeEnv (the one composition root,
 * DESIGN.md §12), answers reset / step / render / close with the binary replies of protocol.ts,
 * and runs benchmark episodes for `roadgym.ray`. A failed request answers an error and leaves the
 * session usable: a step that raised moved nothing, and reset starts the episode afresh.
 */
import { makeEnv, type MakeEnvOptions } from "../compose/makeEnv.js";
import { ScenarioError } from "../compose/loadScenario.js";
import type { RoadgymEnv } from "../compose/RoadgymEnv.js";
import type { ResetResult, StepResult } from "../core/env/ParallelEnv.js";
import { ActionError } from "../core/controllers/actionSpaces.js";
import type { Space } from "../core/spaces/Space.js";
import type { EpisodeOutcome, EpisodeTask } from "../metrics/runner/EpisodeTask.js";
import { BenchmarkRequests, type SuiteRequest } from "./BenchmarkRequests.js";
import { makeEnvOptions, parseBridgeOptions } from "./bridgeOptions.js";
import {
  AGENT_RECORD_BYTES,
  EVENT_BITS,
  FLAG_TERMINATED,
  FLAG_TRUNCATED,
  MSG,
  PROTOCOL_VERSION,
  STEP_HEADER_BYTES,
} from "./protocol.js";
import { align4, decodeAction, describeSpace, ObservationLayout } from "./spaceLayout.js";
import { TopDownView, type TopDownViewOptions } from "./TopDownView.js";

/** A reply: its type byte and its body. */
export interface Reply {
  type: number;
  /** Valid until the next request: a step reply is a view on the session's reusable reply buffer. */
  body: Uint8Array;
}

/** An error answered to the client. */
interface ErrorReply {
  kind: string;
  message: string;
  diagnostics?: { file: string; line: number; column: number; severity: string; message: string }[];
}

/** The environment of a session and what the wire needs of it. */
interface Served {
  env: RoadgymEnv;
  agentIndex: Map<string, number>;
  observationLayouts: ObservationLayout[];
  actionSpaces: Space[];
  view: TopDownView;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serves requests; see the file comment. */
export class BridgeSession {
  private served: Served | undefined;
  private readonly benchmarks = new BenchmarkRequests();
  /** Strings sent so far (lane ids, road ids, reasons), by index. */
  private readonly strings = new Map<string, number>();
  /** Step replies are written here (reused: a reply is written out before the next request). */
  private reply = byteBuffer(1 << 14);
  /** Scratch of {@link encodeStep}: the strings new to a reply, and each reported agent's 4 string indices. */
  private readonly fresh: Uint8Array[] = [];
  private readonly stringIndices: number[] = [];
  /** Whether the client asked to close (the server then exits). */
  closed = false;

  /** Answers one request payload (type byte + body). */
  async handle(payload: Uint8Array): Promise<Reply> {
    const type = payload[0];
    const body = payload.subarray(1);
    try {
      return { type: type | MSG.reply, body: await this.dispatch(type, body) };
    } catch (e) {
      return { type: MSG.error, body: encoder.encode(JSON.stringify(errorReply(e))) };
    }
  }

  /** Closes the environment (idempotent). */
  async close(): Promise<void> {
    const s = this.served;
    this.served = undefined;
    await s?.env.close();
  }

  private async dispatch(type: number, body: Uint8Array): Promise<Uint8Array> {
    switch (type) {
      case MSG.make:
        return json(await this.make(parseJson(body)));
      case MSG.reset:
        return this.reset(parseJson(body));
      case MSG.step:
        return this.step(body);
      case MSG.render:
        return this.render(parseJson(body));
      case MSG.close:
        await this.close();
        this.closed = true;
        return new Uint8Array(0);
      case MSG.benchmarkPlan:
        return json(this.benchmarks.plan(parseJson(body) as SuiteRequest));
      case MSG.benchmarkEpisode: {
        const { task } = parseJson(body) as { task: EpisodeTask };
        return json({ outcome: await this.benchmarks.episode(task) });
      }
      case MSG.benchmarkReport:
        return json(this.benchmarks.report(parseJson(body) as SuiteRequest & { outcomes: EpisodeOutcome[] }));
      default:
        throw new Error(`bridge: unknown message type 0x${type.toString(16)}`);
    }
  }

  private async make(request: unknown): Promise<unknown> {
    const r = request as { protocol?: unknown; scenario?: unknown; options?: unknown };
    if (r.protocol !== PROTOCOL_VERSION)
      throw new Error(
        `bridge: the Python package speaks protocol ${String(r.protocol)}, this simulator ${PROTOCOL_VERSION}: install matching versions of the roadgym npm and Python packages`,
      );
    if (typeof r.scenario !== "string" || r.scenario === "")
      throw new Error("bridge: make needs a scenario (a .scn path or a name such as roadgym/paper-two_way)");
    await this.close();
    let options: MakeEnvOptions;
    try {
      options = makeEnvOptions(parseBridgeOptions(r.options));
    } catch (e) {
      throw new BridgeRequestError("OptionError", e instanceof Error ? e.message : String(e));
    }
    let env: RoadgymEnv;
    try {
      env = makeEnv(r.scenario, options);
    } catch (e) {
      if (e instanceof ScenarioError) throw e;
      throw new BridgeRequestError("ScenarioError", e instanceof Error ? e.message : String(e));
    }
    const ids = env.possibleAgents;
    const obsSpaces = ids.map((id) => env.observationSpace(id));
    const actSpaces = ids.map((id) => env.actionSpace(id));
    this.served = {
      env,
      agentIndex: new Map(ids.map((id, i) => [id, i])),
      observationLayouts: obsSpaces.map((s) => new ObservationLayout(s)),
      actionSpaces: actSpaces,
      view: new TopDownView(env.network),
    };
    this.strings.clear();
    return {
      protocol: PROTOCOL_VERSION,
      possibleAgents: ids,
      agents: Object.fromEntries(
        ids.map((id, i) => [
          id,
          { observationSpace: describeSpace(obsSpaces[i]), actionSpace: describeSpace(actSpaces[i]) },
        ]),
      ),
      scenario: { name: env.scenario.name, seed: env.scenario.seed, dtS: env.scenario.dtS },
      warnings: env.warnings.map((d) => `${d.file}:${d.location.start.line}:${d.location.start.column}: ${d.message}`),
    };
  }

  private async reset(request: unknown): Promise<Uint8Array> {
    const s = this.env();
    const { seed, variation } = (request ?? {}) as { seed?: number | null; variation?: number | string | null };
    const r = await s.env.reset({ seed: seed ?? undefined, variation: variation ?? undefined });
    return this.encodeStep(s, r, true);
  }

  private async step(body: Uint8Array): Promise<Uint8Array> {
    const s = this.env();
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    if (body.byteLength < 2) throw new Error("bridge: a step request lacks its action count");
    const count = view.getUint16(0, true);
    const actions: Record<string, unknown> = {};
    let at = 2;
    for (let k = 0; k < count; k++) {
      if (at + 6 > body.byteLength) throw new Error(`bridge: step request ends inside action ${k} of ${count}`);
      const index = view.getUint16(at, true);
      const length = view.getUint32(at + 2, true);
      at += 6;
      const id = s.env.possibleAgents[index];
      if (id === undefined) throw new Error(`bridge: agent index ${index} is not an agent`);
      if (at + length > body.byteLength) throw new Error(`bridge: step request ends inside agent "${id}"'s action`);
      actions[id] = decodeAction(s.actionSpaces[index], new DataView(body.buffer, body.byteOffset + at, length), id);
      at += length;
    }
    return this.encodeStep(s, await s.env.step(actions), false);
  }

  private render(request: unknown): Uint8Array {
    const s = this.env();
    const options = { ...((request ?? {}) as TopDownViewOptions) };
    if (options.follow !== undefined) options.follow = s.env.agentVehicle(options.follow).id;
    const { width, height, rgb } = s.view.render(s.env.sim.frame, options);
    const out = new Uint8Array(4 + rgb.byteLength);
    const v = new DataView(out.buffer);
    v.setUint16(0, height, true);
    v.setUint16(2, width, true);
    out.set(rgb, 4);
    return out;
  }

  private env(): Served {
    if (!this.served) throw new Error("bridge: no environment (make failed or was not sent)");
    return this.served;
  }

  /** The string's index, noting it in `fresh` the first time it is used on this connection. */
  private intern(text: string, fresh: Uint8Array[]): number {
    let i = this.strings.get(text);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(text, i);
      fresh.push(encoder.encode(text));
    }
    return i;
  }

  /**
   * The step reply of a reset (rewards 0) or a step; see protocol.ts for the layout. Written into
   * the session's reply buffer (see {@link Reply}), with no per-step arrays or closures: a served
   * step should cost what an in-process step costs, and the bridge's own garbage is GC work the
   * in-process step does not have.
   */
  private encodeStep(s: Served, r: ResetResult | StepResult, isReset: boolean): Uint8Array {
    const env = s.env;
    const step = isReset ? undefined : (r as StepResult);
    const reported = Object.keys(step ? step.terminations : r.observations);
    const live = env.agents;
    // Strings first: the ones new to this connection travel in this reply.
    const fresh = this.fresh;
    fresh.length = 0;
    const indices = this.stringIndices;
    indices.length = 0;
    for (const id of reported) {
      const info = r.infos[id];
      indices.push(
        this.intern(info.laneId, fresh),
        this.intern(info.roadId, fresh),
        this.intern(info.reasons.length === 0 ? "" : info.reasons.join(","), fresh),
        this.intern(info.events.viaPointsHit.length === 0 ? "" : info.events.viaPointsHit.join(","), fresh),
      );
    }
    let stringBytes = 0;
    for (const f of fresh) stringBytes += 2 + f.byteLength;
    const recordsAt = align8(STEP_HEADER_BYTES + 2 * live.length);
    const stringsAt = recordsAt + reported.length * AGENT_RECORD_BYTES;
    let obsAt = align4(stringsAt + stringBytes);
    let total = obsAt;
    for (const id of reported) total += s.observationLayouts[s.agentIndex.get(id)!].byteLength;
    const { out, view: v } = this.replyBuffer(total);
    v.setUint32(0, env.sim.tick, true);
    v.setUint16(4, reported.length, true);
    v.setUint16(6, live.length, true);
    v.setUint16(8, fresh.length, true);
    v.setUint8(10, env.sim.episodeOver ? 1 : 0);
    v.setUint8(11, 0);
    for (let k = 0; k < live.length; k++) v.setUint16(STEP_HEADER_BYTES + 2 * k, s.agentIndex.get(live[k])!, true);
    out.fill(0, STEP_HEADER_BYTES + 2 * live.length, recordsAt);
    for (let k = 0; k < reported.length; k++) {
      const id = reported[k];
      const at = recordsAt + k * AGENT_RECORD_BYTES;
      const info = r.infos[id];
      v.setFloat64(at, step ? step.rewards[id] : 0, true);
      v.setFloat64(at + 8, info.routePositionM, true);
      v.setFloat64(at + 16, info.routeLengthM, true);
      v.setFloat64(at + 24, info.speedMps, true);
      for (let j = 0; j < 4; j++) v.setUint32(at + 32 + 4 * j, indices[4 * k + j], true);
      v.setUint16(at + 48, s.agentIndex.get(id)!, true);
      const flags = step
        ? (step.terminations[id] ? FLAG_TERMINATED : 0) | (step.truncations[id] ? FLAG_TRUNCATED : 0)
        : 0;
      v.setUint8(at + 50, flags);
      const events = info.events;
      let bits = 0;
      for (let b = 0; b < EVENT_BITS.length; b++) if (events[EVENT_BITS[b]]) bits |= 1 << b;
      v.setUint8(at + 51, bits);
      v.setUint32(at + 52, 0, true);
    }
    let at = stringsAt;
    for (const f of fresh) {
      v.setUint16(at, f.byteLength, true);
      out.set(f, at + 2);
      at += 2 + f.byteLength;
    }
    out.fill(0, at, align4(at));
    for (const id of reported) {
      const layout = s.observationLayouts[s.agentIndex.get(id)!];
      layout.encode(r.observations[id], out, obsAt);
      obsAt += layout.byteLength;
    }
    return out.subarray(0, total);
  }

  /** The reply buffer, grown to hold at least `bytes` (its contents are overwritten). */
  private replyBuffer(bytes: number): { out: Uint8Array; view: DataView } {
    if (this.reply.out.byteLength < bytes) this.reply = byteBuffer(Math.max(bytes, 2 * this.reply.out.byteLength));
    return this.reply;
  }
}

/** A zeroed buffer and a DataView on it. */
function byteBuffer(bytes: number): { out: Uint8Array; view: DataView } {
  const out = new Uint8Array(bytes);
  return { out, view: new DataView(out.buffer) };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function parseJson(body: Uint8Array): unknown {
  if (body.byteLength === 0) return undefined;
  try {
    return JSON.parse(decoder.decode(body));
  } catch (e) {
    throw new Error(`bridge: a request's JSON does not parse: ${(e as Error).message}`, { cause: e });
  }
}

/** A failure of a kind the client maps to its own exception (`OptionError`, `ScenarioError`). */
class BridgeRequestError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the client is told of a failure. */
function errorReply(e: unknown): ErrorReply {
  if (e instanceof ScenarioError)
    return {
      kind: "ScenarioError",
      message: e.message,
      diagnostics: e.diagnostics.map((d) => ({
        file: d.file,
        line: d.location.start.line,
        column: d.location.start.column,
        severity: d.severity,
        message: d.message,
      })),
    };
  if (e instanceof ActionError) return { kind: "ActionError", message: e.message };
  if (e instanceof BridgeRequestError) return { kind: e.kind, message: e.message };
  if (e instanceof Error) return { kind: e.name === "Error" ? "Error" : e.name, message: e.message };
  return { kind: "Error", message: String(e) };
}
