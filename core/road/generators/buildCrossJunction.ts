/**
 * Geometry and right of way shared by `intersection` and `t_junction`: one junction `centre` at
 * the origin with straight arms along the compass axes, each arm a pair of one-way roads
 * (`<arm>_in` towards the centre, `<arm>_out` away from it) sharing the arm's axis as median.
 *
 * East–west is the major road (priority 2), north–south minor (priority 1). Turns: right from lane 0,
 * left from the leftmost lane, straight from every lane, each into the same lane index; an arm with
 * no straight ahead (the stem of a T) splits its lanes, the right half turning right and the left half
 * turning left (a middle lane of an odd count does both). No U-turns.
 */
import type { GeneratorParam, GeneratorParams } from "./MapGenerator.js";
import type { RoadNetworkSpec, SignalProgramSpec } from "../RoadNetworkSpec.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { laneShapesAlong } from "./laneShapesAlong.js";
import { lanesParam, laneWidthParam, lengthParam, speedLimitParam } from "./commonParams.js";

/** Compass arm of a cross junction. */
export type ArmName = "north" | "east" | "south" | "west";

/** Clearance between the crossing road's edge and the end of an arm, metres (room for turning curves). */
export const CORNER_MARGIN_M = 4;
/** Id of the central junction (and of its traffic light). */
export const CENTRE_ID = "centre";

/** Outward direction of each arm, radians. */
const ARM_ANGLE: Record<ArmName, number> = { east: 0, north: Math.PI / 2, west: Math.PI, south: -Math.PI / 2 };
/** SUMO numbers links clockwise from north, then by lane (right to left), then right/straight/left. */
const LINK_ORDER: readonly ArmName[] = ["north", "east", "south", "west"];
const OPPOSITE: Record<ArmName, ArmName> = { north: "south", south: "north", east: "west", west: "east" };
/** Arm reached by a right turn from a vehicle arriving on `<arm>_in` (heading towards the centre). */
const RIGHT_OF: Record<ArmName, ArmName> = { east: "north", north: "west", west: "south", south: "east" };
const LEFT_OF: Record<ArmName, ArmName> = { east: "south", south: "west", west: "north", north: "east" };
const MAJOR: ReadonlySet<ArmName> = new Set<ArmName>(["east", "west"]);

/** The parameters of both cross-junction generators. */
export const crossJunctionParams: readonly GeneratorParam[] = [
  lanesParam(2, "Lanes per direction on every arm."),
  lengthParam("arm_length", "armLengthM", 100, "Length of each arm's roads, metres (from the junction edge)."),
  laneWidthParam,
  speedLimitParam(),
  {
    name: "signals",
    key: "signals",
    unit: "bool",
    default: false,
    doc: "Control the junction with a fixed-time traffic light.",
  },
  {
    name: "green_time",
    key: "greenS",
    unit: "time",
    default: 30,
    min: 1,
    max: 600,
    doc: "Green phase duration per approach group, seconds.",
  },
  {
    name: "yellow_time",
    key: "yellowS",
    unit: "time",
    default: 3,
    min: 0.5,
    max: 60,
    doc: "Yellow phase duration, seconds.",
  },
  {
    name: "all_red_time",
    key: "allRedS",
    unit: "time",
    default: 2,
    min: 0,
    max: 60,
    doc: "All-red clearance after each yellow, seconds (0: none).",
  },
];

/** Movement from an incoming arm. */
interface Movement {
  from: ArmName;
  to: ArmName;
  fromLane: number;
  toLane: number;
  dir: "r" | "s" | "l";
  /** Has to yield to oncoming traffic even on green. */
  permissive: boolean;
}

/** Builds the junction with the given arms from parameters keyed as in {@link crossJunctionParams}. */
export function buildCrossJunction(generator: string, arms: readonly ArmName[], p: GeneratorParams): RoadNetworkSpec {
  const lanes = p.lanes as number;
  const w = p.laneWidthM as number;
  const armLengthM = p.armLengthM as number;
  const signals = p.signals as boolean;
  const has = new Set(arms);
  const rJunction = lanes * w + CORNER_MARGIN_M;
  const b = new NetworkBuilder();
  b.addJunction(CENTRE_ID, signals ? "traffic_light" : "priority", [0, 0]);

  for (const arm of LINK_ORDER.filter((a) => has.has(a))) {
    const a = ARM_ANGLE[arm];
    const ux = Math.cos(a);
    const uy = Math.sin(a);
    const far = rJunction + armLengthM;
    b.addJunction(`${arm}_end`, "dead_end", [far * ux, far * uy]);
    const common = { widthM: w, speedLimitMps: p.speedLimitMps as number, priority: MAJOR.has(arm) ? 2 : 1 };
    // Median = the arm's axis = each road's left edge; lanes to its right.
    const inPath = ReferencePath.from({ x: far * ux, y: far * uy, headingRad: a + Math.PI }).line(armLengthM);
    const outPath = ReferencePath.from({ x: rJunction * ux, y: rJunction * uy, headingRad: a }).line(armLengthM);
    b.addRoad({
      ...common,
      id: `${arm}_in`,
      from: `${arm}_end`,
      to: CENTRE_ID,
      laneShapes: laneShapesAlong(inPath, lanes, w, -(lanes - 0.5) * w),
    });
    b.addRoad({
      ...common,
      id: `${arm}_out`,
      from: CENTRE_ID,
      to: `${arm}_end`,
      laneShapes: laneShapesAlong(outPath, lanes, w, -(lanes - 0.5) * w),
    });
  }

  const movements = crossMovements(arms, lanes);
  for (const [linkIndex, m] of movements.entries()) {
    const major = MAJOR.has(m.from) && !m.permissive;
    const state = signals ? (major ? "O" : "o") : major ? "M" : "m";
    b.link(CENTRE_ID, `${m.from}_in_${m.fromLane}`, `${m.to}_out_${m.toLane}`, {
      dir: m.dir,
      state,
      ...(signals ? { tlId: CENTRE_ID, linkIndex } : {}),
    });
  }
  if (signals) b.addSignal(fixedTimeProgram(movements, p));
  return b.build({ kind: "generator", generator, params: { ...p } });
}

/** All movements in SUMO link-index order. */
function crossMovements(arms: readonly ArmName[], lanes: number): Movement[] {
  const has = new Set(arms);
  const out: Movement[] = [];
  for (const from of LINK_ORDER.filter((a) => has.has(a))) {
    const straight = has.has(OPPOSITE[from]);
    for (let i = 0; i < lanes; i++) {
      const turnsRight = has.has(RIGHT_OF[from]) && (straight ? i === 0 : i < Math.ceil(lanes / 2));
      const turnsLeft = has.has(LEFT_OF[from]) && (straight ? i === lanes - 1 : i >= Math.floor(lanes / 2));
      if (turnsRight) out.push({ from, to: RIGHT_OF[from], fromLane: i, toLane: i, dir: "r", permissive: false });
      if (straight) out.push({ from, to: OPPOSITE[from], fromLane: i, toLane: i, dir: "s", permissive: false });
      // A left turn yields to oncoming traffic when there is an opposite arm.
      if (turnsLeft) out.push({ from, to: LEFT_OF[from], fromLane: i, toLane: i, dir: "l", permissive: straight });
    }
  }
  return out;
}

/**
 * Two-group fixed-time program: east–west approaches green (left turns permissive 'g' where
 * oncoming traffic exists), yellow, all red; then north–south the same.
 */
function fixedTimeProgram(movements: readonly Movement[], p: GeneratorParams): SignalProgramSpec {
  const groups: ArmName[][] = [
    ["east", "west"],
    ["north", "south"],
  ];
  const phases: SignalProgramSpec["phases"] = [];
  for (const group of groups) {
    const inGroup = (m: Movement): boolean => group.includes(m.from);
    if (!movements.some(inGroup)) continue;
    phases.push({
      durationS: p.greenS as number,
      state: movements.map((m) => (inGroup(m) ? (m.permissive ? "g" : "G") : "r")).join(""),
    });
    phases.push({ durationS: p.yellowS as number, state: movements.map((m) => (inGroup(m) ? "y" : "r")).join("") });
    if ((p.allRedS as number) > 0) phases.push({ durationS: p.allRedS as number, state: "r".repeat(movements.length) });
  }
  return { id: CENTRE_ID, programId: "0", offsetS: 0, type: "static", phases };
}
