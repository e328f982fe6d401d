/**
 * What OpenDRIVE lane types become in the road model: drivable lanes (with the vehicle classes they
 * admit), shoulder surface (a vehicle there is on the shoulder, not off the road) or other roadside
 * surface (drawn; off the road for a vehicle).
 */

/**
 * Lane types that become drivable lanes, with the SUMO classes admitted (undefined: every class):
 * the types netconvert's OpenDRIVE typemap opens to passenger cars (so summed lane lengths compare
 * with a netconvert import) — `stop` (a hard shoulder for emergency stops) and `parking` among them —
 * plus the later standard's slip lanes and the bus, taxi and HOV lanes for their classes.
 */
const DRIVABLE: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  ["driving", undefined],
  ["entry", undefined],
  ["exit", undefined],
  ["onRamp", undefined],
  ["offRamp", undefined],
  ["connectingRamp", undefined],
  ["mwyEntry", undefined],
  ["mwyExit", undefined],
  ["slipLane", undefined],
  ["bidirectional", undefined],
  ["stop", undefined],
  ["parking", undefined],
  ["bus", ["bus", "coach"]],
  ["taxi", ["taxi"]],
  ["HOV", ["hov", "bus", "coach", "taxi"]],
]);

/** Lane types that count as shoulder: paved surface beside the drivable lanes. */
const SHOULDER: ReadonlySet<string> = new Set(["shoulder", "border", "restricted"]);

/** Types as the standard spells them, by their lower case (some writers use other capitalisation). */
const CANONICAL = new Map([...DRIVABLE.keys(), ...SHOULDER].map((t) => [t.toLowerCase(), t]));

/** The standard spelling of a lane type (`Driving` → `driving`, `ONRAMP` → `onRamp`); unknown types as written. */
function canonical(type: string): string {
  return CANONICAL.get(type.toLowerCase()) ?? type;
}

/** Whether lanes of `type` become drivable lanes. */
export function isDrivableLaneType(type: string): boolean {
  return DRIVABLE.has(canonical(type));
}

/** The vehicle classes a drivable lane of `type` admits; undefined for every class. */
export function laneTypeAllows(type: string): readonly string[] | undefined {
  return DRIVABLE.get(canonical(type));
}

/** Whether lanes of `type` are shoulder surface (for the on-shoulder event). */
export function isShoulderLaneType(type: string): boolean {
  return SHOULDER.has(canonical(type));
}
