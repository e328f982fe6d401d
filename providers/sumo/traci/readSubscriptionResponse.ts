/**
 * Decoding of TraCI variable-subscription results (the answer to a subscribe command, and each entry
 * of a simulation step's answer) into plain objects.
 *
 * Wire layout of one entry: `length (ubyte, or 0 + int) | response id | object id (string) |
 * variable count (ubyte) | per variable: variable id (ubyte), status (ubyte, 0 = ok), typed value`.
 * A non-zero status carries a typed error string instead of the value. Context subscriptions (which
 * add a domain byte and a nested object list) are never made by this client and are rejected.
 */
import { TraciResponse } from "./traciConstants.js";
import type { TraciStorage, TraciValue } from "./TraciStorage.js";

/** The values of one object's subscribed variables, keyed by variable id (e.g. `VehicleVar.speed`). */
export type TraciVariables = Record<number, TraciValue>;

/** A variable whose subscribed value SUMO could not compute this step. */
export interface TraciSubscriptionError {
  /** Response id of the domain (e.g. 0xe4 for vehicles). */
  responseId: number;
  /** The object (vehicle id, "" for the simulation). */
  objectId: string;
  /** The variable id. */
  varId: number;
  /** SUMO's message. */
  message: string;
}

/** Everything the subscriptions reported in one answer, keyed by object id then variable id. */
export interface TraciSubscriptionResults {
  /** Vehicle subscriptions: vehicle id → variables. Vehicles that left the simulation are absent. */
  vehicles: Record<string, TraciVariables>;
  /** The simulation subscription's variables (its object id is ""); empty without one. */
  simulation: TraciVariables;
  /** Other domains' variable subscriptions: response id → object id → variables. */
  other: Record<number, Record<string, TraciVariables>>;
  /** Variables SUMO reported an error for instead of a value. */
  errors: TraciSubscriptionError[];
}

/** Empty results. Maps have no prototype so that any object id (even "__proto__") is a safe key. */
export function emptySubscriptionResults(): TraciSubscriptionResults {
  return {
    vehicles: Object.create(null) as Record<string, TraciVariables>,
    simulation: Object.create(null) as TraciVariables,
    other: Object.create(null) as Record<number, Record<string, TraciVariables>>,
    errors: [],
  };
}

/** True for response ids of *variable* subscriptions (0xe0..0xef and 0x64..0x6b in TraCI 20). */
export function isVariableSubscriptionResponse(responseId: number): boolean {
  return (responseId >= 0xe0 && responseId <= 0xef) || (responseId >= 0x64 && responseId <= 0x6b);
}

/**
 * Reads one subscription entry from `storage` into `into`; returns its response id and object id
 * (so a subscribe command can check the answer is for what it asked).
 */
export function readSubscriptionResponse(
  storage: TraciStorage,
  into: TraciSubscriptionResults,
): { responseId: number; objectId: string } {
  storage.readLength();
  const responseId = storage.readUbyte();
  if (!isVariableSubscriptionResponse(responseId)) {
    throw new Error(
      `TraCI: unsupported subscription response 0x${responseId.toString(16)} (context subscriptions are not supported)`,
    );
  }
  const objectId = storage.readString();
  const varCount = storage.readUbyte();
  // Created on the first value, so an object whose variables all failed (e.g. a vehicle removed
  // since the last step) appears only in `errors`.
  let vars: TraciVariables | null = null;
  for (let i = 0; i < varCount; i++) {
    const varId = storage.readUbyte();
    const status = storage.readUbyte();
    if (status !== 0) {
      into.errors.push({ responseId, objectId, varId, message: String(storage.readTypedValue()) });
    } else {
      vars ??= variablesFor(into, responseId, objectId);
      vars[varId] = storage.readTypedValue();
    }
  }
  return { responseId, objectId };
}

function variablesFor(into: TraciSubscriptionResults, responseId: number, objectId: string): TraciVariables {
  if (responseId === TraciResponse.subscribeSimulationVariable) return into.simulation;
  let byId: Record<string, TraciVariables>;
  if (responseId === TraciResponse.subscribeVehicleVariable) {
    byId = into.vehicles;
  } else {
    byId = into.other[responseId] ??= Object.create(null) as Record<string, TraciVariables>;
  }
  return (byId[objectId] ??= Object.create(null) as TraciVariables);
}
