/**
 * A TraCI client for SUMO, written against the binary protocol (https://sumo.dlr.de/docs/TraCI.html)
 * and checked with SUMO 1.15 (TraCI API 20).
 *
 * Every method sends one command and awaits its answer; commands never overlap (the connection queues
 * them). A command SUMO rejects throws an `Error` naming the command, the object id and SUMO's message;
 * the connection stays usable afterwards.
 *
 * Conventions SUMO uses and this client passes through unchanged (see `sumoPose.ts` to convert):
 * - positions are network coordinates in metres of the vehicle's **front bumper centre**
 *   (`moveToXY` takes the front bumper centre too);
 * - angles are **degrees clockwise from north** (0 = +y, 90 = +x), not radians CCW from +x;
 * - times are seconds (SUMO counts integer milliseconds internally).
 */
import { findFreePort } from "./findFreePort.js";
import { SumoProcess } from "./SumoProcess.js";
import { defaultSumoBinary, inferSumoHome } from "./sumoInstall.js";
import { TraciConnection } from "./TraciConnection.js";
import { type TraciLaunchOptions, TraciLaunchOptionsSchema } from "./TraciLaunchOptions.js";
import {
  RemoveReason,
  RouteVar,
  SimulationVar,
  TRACI_API_VERSION,
  TRACI_INVALID_DOUBLE,
  TRACI_RESPONSE_OFFSET,
  TraciCommand,
  TraciCommonVar,
  TraciResult,
  TrafficLightVar,
  VehicleVar,
  traciCommandName,
} from "./traciConstants.js";
import { type TraciPoint2D, TraciStorage, type TraciValue } from "./TraciStorage.js";
import {
  type TraciSubscriptionResults,
  type TraciVariables,
  emptySubscriptionResults,
  readSubscriptionResponse,
} from "./readSubscriptionResponse.js";

/** The loopback address SUMO is reached on. */
const LOCALHOST = "127.0.0.1";
/** Pause between connection attempts while SUMO loads, in milliseconds. */
const CONNECT_RETRY_MS = 50;
/** How long to wait for SUMO to exit after the socket dropped, to report its output, in milliseconds. */
const EXIT_GRACE_MS = 1000;

/** A departure time: seconds, or "now" (the current step). */
export type TraciDepart = number | "now";

/** What `getVersion` answers. */
export interface TraciVersion {
  /** TraCI API version (20 for SUMO 1.15). */
  apiVersion: number;
  /** SUMO's identifier, e.g. "SUMO 1.15.0". */
  sumoVersion: string;
}

/** A TraCI connection to one SUMO process. */
export class TraciClient {
  private readonly _connection: TraciConnection;
  private readonly _process: SumoProcess | null;
  private readonly _closeTimeoutMs: number;
  private _closing: Promise<void> | null = null;

  private constructor(connection: TraciConnection, process: SumoProcess | null, closeTimeoutMs: number) {
    this._connection = connection;
    this._process = process;
    this._closeTimeoutMs = closeTimeoutMs;
  }

  /**
   * Starts `sumo` with `--remote-port`, connects to it (retrying while it loads the network), checks
   * the API version and sets execution order 1. On any failure the process is killed before the error
   * is thrown, so no SUMO process outlives a failed launch.
   */
  static async launch(options: TraciLaunchOptions): Promise<TraciClient> {
    const o = TraciLaunchOptionsSchema.parse(options);
    const binary = o.sumoBinary ?? defaultSumoBinary(process.env);
    const sumoHome = inferSumoHome(binary, process.env);
    const port = o.port !== 0 ? o.port : await findFreePort(LOCALHOST);
    const args = [
      "-n",
      o.netFile,
      ...(o.routeFiles.length > 0 ? ["-r", o.routeFiles.join(",")] : []),
      "--remote-port",
      String(port),
      "--step-length",
      String(o.stepLengthS),
      "--seed",
      String(o.seed),
      "--no-step-log",
      "--no-warnings",
      "--begin",
      "0",
      ...o.extraArgs,
    ];
    const env = sumoHome && !process.env.SUMO_HOME ? { ...process.env, SUMO_HOME: sumoHome } : undefined;
    const proc = await SumoProcess.start(binary, args, { cwd: o.cwd, env });
    const startupMs = o.connectTimeoutS * 1000;
    const deadline = performanceNowMs() + startupMs;
    let connection: TraciConnection | null = null;
    try {
      connection = await connectWhileRunning(proc, port, deadline, startupMs);
      const client = new TraciClient(connection, proc, o.closeTimeoutS * 1000);
      // SUMO answers the version check only once it has loaded its inputs; something other than SUMO
      // on the port might never answer. The start-up deadline and SUMO's exit bound the wait.
      const exitedEarly = proc.whenExited().then(() => Promise.reject(startupError(proc)));
      await withDeadline(
        Promise.race([client.checkVersion(), exitedEarly]),
        deadline,
        () =>
          new Error(
            `SUMO (pid ${proc.pid}) did not answer the TraCI version check on ${LOCALHOST}:${port} within ${o.connectTimeoutS} s`,
          ),
      );
      await client.setOrder(1);
      return client;
    } catch (err) {
      connection?.destroy();
      // SUMO accepts the connection before it loads its inputs, so a bad network or routes file shows
      // up as a dropped connection here; report SUMO's own words then.
      if (proc.exited) throw startupError(proc, err as Error);
      await proc.kill();
      throw err;
    }
  }

  /** Connects to a SUMO already listening on `host:port` (started by someone else) and checks the API version. */
  static async connect(host: string, port: number, options: { closeTimeoutS?: number } = {}): Promise<TraciClient> {
    const connection = await TraciConnection.open(host, port);
    const client = new TraciClient(connection, null, (options.closeTimeoutS ?? 5) * 1000);
    try {
      await client.checkVersion();
    } catch (err) {
      connection.destroy();
      throw err;
    }
    return client;
  }

  /** The SUMO process this client started, or null after {@link connect}. */
  get process(): SumoProcess | null {
    return this._process;
  }

  // ---- control ---------------------------------------------------------------------------------

  /** The TraCI API version and SUMO's version string. */
  async getVersion(): Promise<TraciVersion> {
    const answer = await this.send(TraciCommand.getVersion, new TraciStorage(), "");
    answer.readLength();
    expectId(answer.readUbyte(), TraciCommand.getVersion, "getVersion");
    return { apiVersion: answer.readInt(), sumoVersion: answer.readString() };
  }

  /** Sets this client's execution order among several clients (lower runs first). */
  async setOrder(order: number): Promise<void> {
    await this.send(TraciCommand.setOrder, new TraciStorage().writeInt(order), String(order));
  }

  /**
   * Advances the simulation by one step (`targetTimeS` 0) or up to `targetTimeS` seconds, and returns
   * what the subscriptions report after it.
   */
  async simulationStep(targetTimeS = 0): Promise<TraciSubscriptionResults> {
    const answer = await this.send(
      TraciCommand.simulationStep,
      new TraciStorage().writeDouble(targetTimeS),
      String(targetTimeS),
    );
    const results = emptySubscriptionResults();
    const count = answer.readInt();
    for (let i = 0; i < count; i++) readSubscriptionResponse(answer, results);
    return results;
  }

  /**
   * Closes the connection (SUMO then ends the simulation and exits), waits up to `closeTimeoutS` for
   * the process to exit, and kills it otherwise. Safe to call more than once and after SUMO died.
   */
  close(): Promise<void> {
    this._closing ??= this.doClose();
    return this._closing;
  }

  // ---- subscriptions ---------------------------------------------------------------------------

  /**
   * Subscribes to `varIds` of vehicle `vehId` for the whole simulation (an empty list unsubscribes);
   * returns the current values. Later values come back from every {@link simulationStep} until the
   * vehicle leaves.
   */
  async subscribeVehicle(vehId: string, varIds: readonly number[]): Promise<TraciVariables> {
    return this.subscribe(TraciCommand.subscribeVehicleVariable, vehId, varIds, (r) => r.vehicles[vehId]);
  }

  /** Ends the subscription of vehicle `vehId`. */
  async unsubscribeVehicle(vehId: string): Promise<void> {
    await this.subscribe(TraciCommand.subscribeVehicleVariable, vehId, [], () => undefined);
  }

  /**
   * Subscribes to simulation variables (by default the ids of vehicles departed and arrived in the last
   * step, {@link SimulationVar}); returns their current values.
   */
  async subscribeSimulation(
    varIds: readonly number[] = [SimulationVar.departedIds, SimulationVar.arrivedIds],
  ): Promise<TraciVariables> {
    return this.subscribe(TraciCommand.subscribeSimulationVariable, "", varIds, (r) => r.simulation);
  }

  /**
   * Subscribes to `varIds` of traffic light `tlsId` (by default its state string); returns the current
   * values. Later values come back from every {@link simulationStep} under
   * `results.other[TraciResponse.subscribeTrafficLightVariable][tlsId]`.
   */
  async subscribeTrafficLight(
    tlsId: string,
    varIds: readonly number[] = [TrafficLightVar.redYellowGreenState],
  ): Promise<TraciVariables> {
    return this.subscribe(
      TraciCommand.subscribeTrafficLightVariable,
      tlsId,
      varIds,
      (r) => r.other[TraciCommand.subscribeTrafficLightVariable + TRACI_RESPONSE_OFFSET]?.[tlsId],
    );
  }

  // ---- simulation ------------------------------------------------------------------------------

  /** Current simulation time in seconds. */
  async simulationTimeS(): Promise<number> {
    return (await this.get(TraciCommand.getSimulationVariable, SimulationVar.time, "")).readTypedDouble();
  }

  // ---- vehicles --------------------------------------------------------------------------------

  /** Ids of all vehicles currently in the network. */
  async vehicleIds(): Promise<string[]> {
    return (await this.get(TraciCommand.getVehicleVariable, TraciCommonVar.idList, "")).readTypedStringList();
  }

  /** Any vehicle variable, decoded by its type byte. */
  async vehicleVariable(vehId: string, varId: number): Promise<TraciValue> {
    return (await this.get(TraciCommand.getVehicleVariable, varId, vehId)).readTypedValue();
  }

  /** Position of the vehicle's front bumper centre, metres. */
  async vehiclePosition(vehId: string): Promise<TraciPoint2D> {
    return (await this.get(TraciCommand.getVehicleVariable, VehicleVar.position, vehId)).readTypedPosition2D();
  }

  /** Heading, degrees clockwise from north. */
  async vehicleAngle(vehId: string): Promise<number> {
    return this.vehicleDouble(vehId, VehicleVar.angle);
  }

  /** Speed, m/s. */
  async vehicleSpeed(vehId: string): Promise<number> {
    return this.vehicleDouble(vehId, VehicleVar.speed);
  }

  /** Vehicle type id. */
  async vehicleTypeId(vehId: string): Promise<string> {
    return this.vehicleString(vehId, VehicleVar.typeId);
  }

  /** Length, metres. */
  async vehicleLength(vehId: string): Promise<number> {
    return this.vehicleDouble(vehId, VehicleVar.length);
  }

  /** Width, metres. */
  async vehicleWidth(vehId: string): Promise<number> {
    return this.vehicleDouble(vehId, VehicleVar.width);
  }

  /** Current road (edge) id; internal junction edges start with ':'. */
  async vehicleRoadId(vehId: string): Promise<string> {
    return this.vehicleString(vehId, VehicleVar.roadId);
  }

  /** Current lane id. */
  async vehicleLaneId(vehId: string): Promise<string> {
    return this.vehicleString(vehId, VehicleVar.laneId);
  }

  /** Current lane index (0 = rightmost). */
  async vehicleLaneIndex(vehId: string): Promise<number> {
    return (await this.get(TraciCommand.getVehicleVariable, VehicleVar.laneIndex, vehId)).readTypedInt();
  }

  /** Distance of the front bumper from the start of the current lane, metres. */
  async vehicleLanePosition(vehId: string): Promise<number> {
    return this.vehicleDouble(vehId, VehicleVar.lanePosition);
  }

  /** The edge ids of the vehicle's route. */
  async vehicleRouteEdges(vehId: string): Promise<string[]> {
    return (await this.get(TraciCommand.getVehicleVariable, VehicleVar.edges, vehId)).readTypedStringList();
  }

  /**
   * Adds a vehicle on route `routeId` (SUMO inserts it at the next step when there is room). Departure
   * values take SUMO's strings as well as numbers: `departLane` "first" | "best" | "free" | "random" | index,
   * `departPos` "base" | "free" | "random" | metres, `departSpeed` "max" | "desired" | "avg" | m/s,
   * `arrivalLane` "current" | "random" | "first" | index, `arrivalPos` "max" | "random" | metres.
   */
  async addVehicle(
    vehId: string,
    routeId: string,
    typeId = "DEFAULT_VEHTYPE",
    depart: TraciDepart = "now",
    departLane: number | string = "first",
    departPos: number | string = "base",
    departSpeed: number | string = 0,
    arrivalLane: number | string = "current",
    arrivalPos: number | string = "max",
  ): Promise<void> {
    const s = new TraciStorage().writeCompoundHeader(14);
    for (const v of [routeId, typeId, depart, departLane, departPos, departSpeed, arrivalLane, arrivalPos])
      s.writeTypedString(String(v));
    // arrivalSpeed, fromTaz, toTaz, line: SUMO's defaults.
    for (const v of ["current", "", "", ""]) s.writeTypedString(v);
    s.writeTypedInt(0).writeTypedInt(0); // personCapacity, personNumber
    await this.set(TraciCommand.setVehicleVariable, VehicleVar.addFull, vehId, s);
  }

  /** Removes a vehicle. @param reason one of {@link RemoveReason} @default vaporized */
  async removeVehicle(vehId: string, reason: number = RemoveReason.vaporized): Promise<void> {
    await this.set(
      TraciCommand.setVehicleVariable,
      VehicleVar.remove,
      vehId,
      new TraciStorage().writeTypedByte(reason),
    );
  }

  /**
   * Moves the vehicle's front bumper centre to (x, y) metres at the next step.
   * @param edgeId / laneIndex hints to resolve ambiguous positions ("" / -1 for none)
   * @param angleDeg heading, degrees clockwise from north; {@link TRACI_INVALID_DOUBLE} keeps the lane's angle
   * @param keepRoute 1: map onto the route; 0: any edge (route becomes that edge); 2: also off-road
   * @param matchThresholdM how far from a lane (x, y) may be, metres
   */
  async moveToXY(
    vehId: string,
    edgeId: string,
    laneIndex: number,
    x: number,
    y: number,
    angleDeg: number = TRACI_INVALID_DOUBLE,
    keepRoute = 1,
    matchThresholdM = 100,
  ): Promise<void> {
    const s = new TraciStorage()
      .writeCompoundHeader(7)
      .writeTypedString(edgeId)
      .writeTypedInt(laneIndex)
      .writeTypedDouble(x)
      .writeTypedDouble(y)
      .writeTypedDouble(angleDeg)
      .writeTypedByte(keepRoute)
      .writeTypedDouble(matchThresholdM);
    await this.set(TraciCommand.setVehicleVariable, VehicleVar.moveToXY, vehId, s);
  }

  /** Sets the vehicle's target speed in m/s (SUMO still applies the speed mode's checks); a negative speed hands control back. */
  async setSpeed(vehId: string, speedMps: number): Promise<void> {
    await this.set(
      TraciCommand.setVehicleVariable,
      VehicleVar.speed,
      vehId,
      new TraciStorage().writeTypedDouble(speedMps),
    );
  }

  /** Sets the speed mode bit set (31 all safety checks, 0 none; see SUMO's docs). */
  async setSpeedMode(vehId: string, mode: number): Promise<void> {
    await this.set(
      TraciCommand.setVehicleVariable,
      VehicleVar.speedMode,
      vehId,
      new TraciStorage().writeTypedInt(mode),
    );
  }

  /** Sets the lane change mode bit set (1621 SUMO's default, 0 no autonomous lane changes). */
  async setLaneChangeMode(vehId: string, mode: number): Promise<void> {
    await this.set(
      TraciCommand.setVehicleVariable,
      VehicleVar.laneChangeMode,
      vehId,
      new TraciStorage().writeTypedInt(mode),
    );
  }

  /** Replaces the vehicle's route by `edges` (the first must be its current edge). */
  async setRoute(vehId: string, edges: readonly string[]): Promise<void> {
    await this.set(
      TraciCommand.setVehicleVariable,
      VehicleVar.route,
      vehId,
      new TraciStorage().writeTypedStringList(edges),
    );
  }

  // ---- routes ----------------------------------------------------------------------------------

  /** Adds a route `routeId` through `edges` (ids of consecutive, connected edges). */
  async addRoute(routeId: string, edges: readonly string[]): Promise<void> {
    await this.set(
      TraciCommand.setRouteVariable,
      RouteVar.add,
      routeId,
      new TraciStorage().writeTypedStringList(edges),
    );
  }

  // ---- traffic lights --------------------------------------------------------------------------

  /** Ids of all traffic lights. */
  async trafficLightIds(): Promise<string[]> {
    return (await this.get(TraciCommand.getTrafficLightVariable, TrafficLightVar.idList, "")).readTypedStringList();
  }

  /** The light's state string, one of "rygGsuoO" per controlled link. */
  async trafficLightState(tlsId: string): Promise<string> {
    return (
      await this.get(TraciCommand.getTrafficLightVariable, TrafficLightVar.redYellowGreenState, tlsId)
    ).readTypedString();
  }

  /** Sets the light's state string (same length as {@link trafficLightState}); it holds until the program moves on. */
  async setTrafficLightState(tlsId: string, state: string): Promise<void> {
    await this.set(
      TraciCommand.setTrafficLightVariable,
      TrafficLightVar.redYellowGreenState,
      tlsId,
      new TraciStorage().writeTypedString(state),
    );
  }

  // ---- internals -------------------------------------------------------------------------------

  private async checkVersion(): Promise<void> {
    const { apiVersion, sumoVersion } = await this.getVersion();
    if (apiVersion < TRACI_API_VERSION) {
      throw new Error(
        `TraCI API ${apiVersion} (${sumoVersion}) is too old: roadgym needs API ${TRACI_API_VERSION} (SUMO 1.15) or newer`,
      );
    }
  }

  private async vehicleDouble(vehId: string, varId: number): Promise<number> {
    return (await this.get(TraciCommand.getVehicleVariable, varId, vehId)).readTypedDouble();
  }

  private async vehicleString(vehId: string, varId: number): Promise<string> {
    return (await this.get(TraciCommand.getVehicleVariable, varId, vehId)).readTypedString();
  }

  /** Sends a get command; returns the answer positioned at the typed value. */
  private async get(commandId: number, varId: number, objectId: string): Promise<TraciStorage> {
    const what = describeVariable(varId, objectId);
    const answer = await this.send(commandId, new TraciStorage().writeUbyte(varId).writeString(objectId), what);
    answer.readLength();
    expectId(answer.readUbyte(), commandId + TRACI_RESPONSE_OFFSET, `${traciCommandName(commandId)} ${what}`);
    const answeredVar = answer.readUbyte();
    const answeredId = answer.readString();
    if (answeredVar !== varId || answeredId !== objectId) {
      throw new Error(
        `TraCI ${traciCommandName(commandId)} ${what}: answer is for ${describeVariable(answeredVar, answeredId)}`,
      );
    }
    return answer;
  }

  /** Sends a set command whose typed value (or compound) is `value`. */
  private async set(commandId: number, varId: number, objectId: string, value: TraciStorage): Promise<void> {
    const content = new TraciStorage().writeUbyte(varId).writeString(objectId).writeBytes(value.bytes());
    await this.send(commandId, content, describeVariable(varId, objectId));
  }

  private async subscribe(
    commandId: number,
    objectId: string,
    varIds: readonly number[],
    pick: (r: TraciSubscriptionResults) => TraciVariables | undefined,
  ): Promise<TraciVariables> {
    const content = new TraciStorage()
      .writeDouble(TRACI_INVALID_DOUBLE) // begin: from now
      .writeDouble(TRACI_INVALID_DOUBLE) // end: forever
      .writeString(objectId)
      .writeUbyte(varIds.length);
    for (const v of varIds) content.writeUbyte(v);
    const what = `of ${JSON.stringify(objectId)}`;
    const answer = await this.send(commandId, content, what);
    if (varIds.length === 0) return Object.create(null) as TraciVariables;
    const results = emptySubscriptionResults();
    const { responseId, objectId: answeredId } = readSubscriptionResponse(answer, results);
    expectId(responseId, commandId + TRACI_RESPONSE_OFFSET, `${traciCommandName(commandId)} ${what}`);
    if (answeredId !== objectId) {
      throw new Error(`TraCI ${traciCommandName(commandId)} ${what}: answer is for ${JSON.stringify(answeredId)}`);
    }
    const error = results.errors[0];
    if (error) {
      throw new Error(
        `TraCI ${traciCommandName(commandId)} ${what} variable 0x${hex(error.varId)} failed: ${error.message}`,
      );
    }
    return pick(results) ?? (Object.create(null) as TraciVariables);
  }

  /**
   * Frames one command, sends it, reads the status answer and throws if SUMO reported an error;
   * returns the answer positioned after the status. `what` names the object for error messages.
   */
  private async send(commandId: number, content: TraciStorage, what: string): Promise<TraciStorage> {
    const framed = new TraciStorage();
    const length = 1 + 1 + content.length; // length byte + command id + content
    if (length <= 0xff) framed.writeUbyte(length);
    else framed.writeUbyte(0).writeInt(length + 4); // 0 marker + int length (counting the int too)
    framed.writeUbyte(commandId).writeBytes(content.bytes());

    const name = traciCommandName(commandId);
    let answer: TraciStorage;
    try {
      answer = await this._connection.request(framed.bytes());
    } catch (err) {
      throw await this.connectionError(`TraCI ${name} ${what}`.trim(), err as Error);
    }
    answer.readLength();
    expectId(answer.readUbyte(), commandId, name);
    const result = answer.readUbyte();
    const message = answer.readString();
    if (result !== TraciResult.ok) {
      const kind = result === TraciResult.notImplemented ? "not implemented" : "failed";
      throw new Error(`TraCI ${name} ${what} ${kind}: ${message || "(no message)"}`.replace(/\s+/g, " "));
    }
    return answer;
  }

  /** An error for a dropped connection, with SUMO's exit status and last output when it died. */
  private async connectionError(context: string, err: Error): Promise<Error> {
    const proc = this._process;
    if (!proc) return new Error(`${context}: ${err.message}`, { cause: err });
    await proc.waitForExit(EXIT_GRACE_MS);
    const status = proc.exitDescription ?? "still running";
    const output = proc.outputTail();
    return new Error(`${context}: ${err.message} (SUMO ${status})${output ? `\nSUMO output:\n${output}` : ""}`, {
      cause: err,
    });
  }

  private async doClose(): Promise<void> {
    try {
      if (!this._connection.closed) await this.send(TraciCommand.close, new TraciStorage(), "");
    } catch {
      // SUMO may already be gone; the process is reaped below either way.
    } finally {
      this._connection.destroy();
      if (this._process && !(await this._process.waitForExit(this._closeTimeoutMs))) await this._process.kill();
    }
  }
}

/** Connects to SUMO on `port`, retrying while the process runs and the deadline has not passed. */
async function connectWhileRunning(
  proc: SumoProcess,
  port: number,
  deadline: number,
  timeoutMs: number,
): Promise<TraciConnection> {
  for (;;) {
    if (proc.exited) throw startupError(proc);
    try {
      return await TraciConnection.open(LOCALHOST, port);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ECONNREFUSED" && code !== "ECONNRESET") throw err;
    }
    if (performanceNowMs() > deadline) {
      throw new Error(
        `SUMO (pid ${proc.pid}) did not accept a TraCI connection on ${LOCALHOST}:${port} within ${timeoutMs / 1000} s`,
      );
    }
    await Promise.race([sleep(CONNECT_RETRY_MS), proc.whenExited()]);
  }
}

/** The error for a SUMO that exited while starting: its exit status and last output. */
function startupError(proc: SumoProcess, cause?: Error): Error {
  const output = proc.outputTail();
  return new Error(`SUMO exited (${proc.exitDescription}) during start-up${output ? `:\n${output}` : ""}`, { cause });
}

/** Wall-clock milliseconds for the connect deadline (process plumbing, not simulation logic). */
function performanceNowMs(): number {
  return performance.now();
}

/** `promise`, or a rejection with `timeoutError()` once `performanceNowMs()` passes `deadline`. */
async function withDeadline<T>(promise: Promise<T>, deadline: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), Math.max(0, deadline - performanceNowMs()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function expectId(actual: number, expected: number, context: string): void {
  if (actual !== expected) {
    throw new Error(`TraCI ${context}: expected answer 0x${hex(expected)}, got 0x${hex(actual)}`);
  }
}

function describeVariable(varId: number, objectId: string): string {
  return `variable 0x${hex(varId)}${objectId === "" ? "" : ` of ${JSON.stringify(objectId)}`}`;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}
