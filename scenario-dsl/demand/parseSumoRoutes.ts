/**
 * Reads a SUMO route file (`.rou.xml`) or trip file (`.trips.xml`) into {@link SumoDemand}.
 *
 * Read: `<vType>` (with `<param>` and `<carFollowing-X>` children), `<vTypeDistribution>`, `<route>`,
 * `<routeDistribution>`, `<vehicle>`, `<trip>`, `<flow>`. Persons and containers (`<person>`,
 * `<personFlow>`, `<container>`, `<containerFlow>`) are rejected: we cannot run them, and dropping
 * demand silently would skew a scenario. Other elements (`<stop>`, `<interval>`, additionals such as
 * detectors) are skipped. References to types and routes are not checked here, because SUMO lets them
 * live in another file; ids must be unique within the file.
 */
import { FileFormatError } from "../../spec/FileFormatError.js";
import { walkSumoXml, type XmlElement } from "../../core/road/sumo/walkSumoXml.js";
import { parseSumoDistribution } from "./parseSumoDistribution.js";
import type { SumoDemand, SumoFlow, SumoFlowRate, SumoRouting, SumoVehicle, SumoVType } from "../../spec/SumoDemand.js";

type Departure = SumoVehicle | SumoFlow;

/** vType attributes read as numbers: SUMO name → our field and the smallest value allowed. */
const VTYPE_NUMBERS: Readonly<Record<string, [keyof SumoVType, "positive" | "nonNegative" | "any"]>> = {
  length: ["lengthM", "positive"],
  width: ["widthM", "positive"],
  height: ["heightM", "positive"],
  accel: ["accelMps2", "positive"],
  decel: ["decelMps2", "positive"],
  emergencyDecel: ["emergencyDecelMps2", "positive"],
  apparentDecel: ["apparentDecelMps2", "positive"],
  maxSpeed: ["maxSpeedMps", "positive"],
  minGap: ["minGapM", "nonNegative"],
  tau: ["tauS", "nonNegative"],
  sigma: ["sigma", "nonNegative"],
  speedDev: ["speedDev", "nonNegative"],
  probability: ["probability", "nonNegative"],
  lcStrategic: ["lcStrategic", "any"],
  lcCooperative: ["lcCooperative", "any"],
  lcSpeedGain: ["lcSpeedGain", "any"],
  lcKeepRight: ["lcKeepRight", "any"],
  lcAssertive: ["lcAssertive", "any"],
};
const VTYPE_STRINGS: Readonly<Record<string, keyof SumoVType>> = {
  vClass: "vClass",
  carFollowModel: "carFollowModel",
  laneChangeModel: "laneChangeModel",
};

const DEPART_LANE = ["random", "free", "allowed", "best", "first"] as const;
const DEPART_POS = ["random", "random_free", "free", "base", "last", "stop"] as const;
const DEPART_SPEED = ["random", "max", "desired", "speedLimit", "last", "avg"] as const;
const ARRIVAL_LANE = ["current", "first", "random"] as const;
const ARRIVAL_POS = ["random", "max"] as const;
const ARRIVAL_SPEED = ["current"] as const;
const DEPART_TIME = ["triggered", "containerTriggered", "split"] as const;

/** Attributes of vehicles, trips and flows that have a field of their own (the rest go to `attrs`). */
const DEPARTURE_ATTRS = new Set([
  "id",
  "type",
  "route",
  "from",
  "to",
  "via",
  "depart",
  "departLane",
  "departPos",
  "departSpeed",
  "arrivalLane",
  "arrivalPos",
  "arrivalSpeed",
  "begin",
  "end",
  "vehsPerHour",
  "perHour",
  "period",
  "probability",
  "number",
]);
const UNSUPPORTED = new Set(["person", "personFlow", "container", "containerFlow"]);

/**
 * Parses the text of a SUMO route or trip file.
 * @param xmlText the file's contents
 * @param file path recorded as the source and used in error messages
 * @throws FileFormatError (`file:line:col`) on malformed XML, a root other than `<routes>` or
 *   `<additional>`, a missing or bad attribute, a vehicle without a route, a duplicate id, persons
 */
export function parseSumoRoutes(xmlText: string, file: string): SumoDemand {
  const demand: SumoDemand = {
    source: { kind: "sumo", path: file },
    vTypes: [],
    vTypeDistributions: [],
    routes: [],
    routeDistributions: [],
    vehicles: [],
    flows: [],
  };
  const typeIds = new Set<string>();
  const routeIds = new Set<string>();
  const vehicleIds = new Set<string>();
  const unique = (ids: Set<string>, el: XmlElement, id: string): void => {
    if (ids.has(id)) el.fail("duplicate id");
    ids.add(id);
  };

  let vType: SumoVType | undefined; // open <vType>, top-level or in a distribution
  let vTypeEl: XmlElement | undefined;
  let typeDist: SumoDemand["vTypeDistributions"][number] | undefined;
  let routeDist: SumoDemand["routeDistributions"][number] | undefined;
  let departure: Departure | undefined;
  let departureEl: XmlElement | undefined;
  let sawRoot = false;

  walkSumoXml(xmlText, file, {
    open(el) {
      if (el.depth === 0) {
        if (el.name !== "routes" && el.name !== "additional") {
          el.failUnlabelled(`not a SUMO route file: the root element is <${el.name}>, expected <routes>`);
        }
        sawRoot = true;
        return;
      }
      if (el.depth === 1) {
        if (UNSUPPORTED.has(el.name)) el.fail("persons and containers are not supported");
        switch (el.name) {
          case "vType":
            vTypeEl = el;
            vType = readVType(el);
            unique(typeIds, el, vType.id);
            return;
          case "vTypeDistribution":
            typeDist = { id: el.str("id"), members: readTypeRefs(el, demand.vTypes) };
            unique(typeIds, el, typeDist.id);
            return;
          case "route": {
            const id = el.str("id");
            unique(routeIds, el, id);
            demand.routes.push({ id, edges: readEdges(el, "edges") });
            return;
          }
          case "routeDistribution":
            routeDist = { id: el.str("id"), members: [] };
            unique(routeIds, el, routeDist.id);
            for (const routeId of el.optList("routes") ?? []) routeDist.members.push({ routeId, probability: 1 });
            return;
          case "vehicle":
          case "trip":
          case "flow":
            departureEl = el;
            departure = readDeparture(el);
            unique(vehicleIds, el, departure.id);
            return;
          default:
            return;
        }
      }
      // Children of the element open at depth 1 (or of a vType inside a distribution).
      const inVType = vType !== undefined && vTypeEl !== undefined && el.depth === vTypeEl.depth + 1;
      if (el.name === "param" && inVType) {
        vType!.params[el.str("key")] = el.str("value");
      } else if (el.name === "param" && el.depth === 2 && departure) {
        departure.params[el.str("key")] = el.str("value");
      } else if (el.name.startsWith("carFollowing-") && inVType) {
        vType!.carFollowModel = el.name.slice("carFollowing-".length);
        applyVTypeAttrs(el, vType!);
      } else if (el.depth === 2 && el.name === "vType" && typeDist) {
        vTypeEl = el;
        vType = readVType(el);
        unique(typeIds, el, vType.id);
      } else if (el.depth === 2 && el.name === "route" && routeDist) {
        routeDist.members.push(readDistributionRoute(el, routeDist.id, routeDist.members.length, demand, routeIds));
      } else if (el.depth === 2 && el.name === "route" && departure && departureEl) {
        if (departure.routing.kind !== "route" || departure.routing.routeId !== "") {
          el.fail(`${departureEl.label} has a route already`);
        }
        departure.routing = { kind: "edges", edges: readEdges(el, "edges") };
      }
    },
    close(name) {
      if (name === "vType" && vType) {
        demand.vTypes.push(vType);
        if (typeDist) typeDist.members.push({ vTypeId: vType.id, probability: vType.probability ?? 1 });
        vType = undefined;
        vTypeEl = undefined;
      } else if (name === "vTypeDistribution" && typeDist) {
        demand.vTypeDistributions.push(typeDist);
        typeDist = undefined;
      } else if (name === "routeDistribution" && routeDist) {
        demand.routeDistributions.push(routeDist);
        routeDist = undefined;
      } else if ((name === "vehicle" || name === "trip" || name === "flow") && departure && departureEl) {
        if (departure.routing.kind === "route" && departure.routing.routeId === "") {
          departureEl.fail('needs a route: route="…", a nested <route edges="…">, or from/to');
        }
        if ("departS" in departure) demand.vehicles.push(departure);
        else demand.flows.push(departure);
        departure = undefined;
        departureEl = undefined;
      }
    },
  });
  if (!sawRoot) throw new FileFormatError(file, "not a SUMO route file: no <routes> element");
  for (const d of demand.vTypeDistributions) {
    if (d.members.length === 0) throw new FileFormatError(file, `vTypeDistribution "${d.id}" has no types`);
  }
  for (const d of demand.routeDistributions) {
    if (d.members.length === 0) throw new FileFormatError(file, `routeDistribution "${d.id}" has no routes`);
  }
  return demand;
}

function readVType(el: XmlElement): SumoVType {
  const vType: SumoVType = { id: el.str("id"), attrs: {}, params: {} };
  applyVTypeAttrs(el, vType);
  return vType;
}

/** Copies a vType's (or a `<carFollowing-X>` child's) attributes into `vType`. */
function applyVTypeAttrs(el: XmlElement, vType: SumoVType): void {
  const fields = vType as Record<string, unknown>;
  for (const [attr, raw] of Object.entries(el.attrs)) {
    if (attr === "id") continue;
    const numeric = VTYPE_NUMBERS[attr];
    if (numeric) {
      fields[numeric[0]] = checkedNumber(el, attr, numeric[1]);
    } else if (attr === "speedFactor") {
      vType.speedFactor = readSpeedFactor(el, raw);
    } else if (VTYPE_STRINGS[attr]) {
      fields[VTYPE_STRINGS[attr]] = raw;
    } else {
      vType.attrs[attr] = raw;
    }
  }
}

function checkedNumber(el: XmlElement, attr: string, bound: "positive" | "nonNegative" | "any"): number {
  const x = el.num(attr);
  if (bound === "positive" && x <= 0) el.fail(`attribute ${attr}="${el.attrs[attr]}" must be positive`);
  if (bound === "nonNegative" && x < 0) el.fail(`attribute ${attr}="${el.attrs[attr]}" must not be negative`);
  return x;
}

function readSpeedFactor(el: XmlElement, raw: string): SumoVType["speedFactor"] {
  if (!raw.includes("(")) return checkedNumber(el, "speedFactor", "positive");
  const dist = parseSumoDistribution(raw);
  if ("error" in dist) el.fail(`attribute speedFactor: ${dist.error}`);
  return dist;
}

/** `vTypes="a b"` with optional `probabilities="0.3 0.7"` (else each type's own probability, or 1). */
function readTypeRefs(
  el: XmlElement,
  known: readonly SumoVType[],
): SumoDemand["vTypeDistributions"][number]["members"] {
  const ids = el.optList("vTypes") ?? [];
  const probs = el.optList("probabilities");
  if (probs && probs.length !== ids.length) el.fail("probabilities must list one value per entry of vTypes");
  return ids.map((vTypeId, i) => {
    const p = probs ? Number(probs[i]) : (known.find((t) => t.id === vTypeId)?.probability ?? 1);
    if (!Number.isFinite(p) || p < 0) el.fail(`probability "${probs?.[i]}" is not a non-negative number`);
    return { vTypeId, probability: p };
  });
}

/** A `<route>` inside a `<routeDistribution>`: a reference (`refId`) or a route of its own. */
function readDistributionRoute(
  el: XmlElement,
  distId: string,
  n: number,
  demand: SumoDemand,
  routeIds: Set<string>,
): { routeId: string; probability: number } {
  const probability = el.optNum("probability") ?? 1;
  if (probability < 0) el.fail("probability must not be negative");
  const ref = el.optStr("refId");
  if (ref !== undefined) return { routeId: ref, probability };
  // SUMO names an anonymous route in a distribution `<distribution id>#<n>`.
  const id = el.optStr("id") ?? `${distId}#${n}`;
  if (routeIds.has(id)) el.fail("duplicate id");
  routeIds.add(id);
  demand.routes.push({ id, edges: readEdges(el, "edges") });
  return { routeId: id, probability };
}

function readEdges(el: XmlElement, attr: string): string[] {
  const edges = el.optList(attr);
  if (edges === undefined) el.fail(`missing attribute "${attr}"`);
  if (edges.length === 0) el.fail(`${attr} is empty`);
  return edges;
}

function readDeparture(el: XmlElement): Departure {
  const id = el.str("id");
  const base = {
    id,
    routing: readRouting(el),
    attrs: {} as Record<string, string>,
    params: {} as Record<string, string>,
  };
  for (const [attr, raw] of Object.entries(el.attrs)) if (!DEPARTURE_ATTRS.has(attr)) base.attrs[attr] = raw;
  const d: Departure =
    el.name === "flow"
      ? { ...base, beginS: timeAttr(el, "begin") ?? 0, ...readFlowRate(el) }
      : { ...base, departS: readDepartTime(el) };
  const typeId = el.optStr("type");
  if (typeId !== undefined) d.typeId = typeId;
  setIf(d, "departLane", numOrKeyword(el, "departLane", DEPART_LANE, "index"));
  setIf(d, "departPos", numOrKeyword(el, "departPos", DEPART_POS, "any"));
  setIf(d, "departSpeed", numOrKeyword(el, "departSpeed", DEPART_SPEED, "nonNegative"));
  setIf(d, "arrivalLane", numOrKeyword(el, "arrivalLane", ARRIVAL_LANE, "index"));
  setIf(d, "arrivalPos", numOrKeyword(el, "arrivalPos", ARRIVAL_POS, "any"));
  setIf(d, "arrivalSpeed", numOrKeyword(el, "arrivalSpeed", ARRIVAL_SPEED, "nonNegative"));
  return d;
}

function setIf<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/**
 * The routing of a vehicle, trip or flow from its attributes. A vehicle or flow with neither `route`
 * nor `from`/`to` gets a placeholder (`routeId: ""`) that a nested `<route>` replaces.
 */
function readRouting(el: XmlElement): SumoRouting {
  for (const attr of ["fromTaz", "toTaz", "fromJunction", "toJunction", "viaJunctions"]) {
    if (el.attrs[attr] !== undefined) el.fail(`attribute ${attr} is not supported; give from/to edges`);
  }
  const route = el.optStr("route");
  const from = el.optStr("from");
  const to = el.optStr("to");
  if (el.name === "trip" || from !== undefined || to !== undefined) {
    if (el.name === "vehicle") el.fail('a <vehicle> takes route="…"; use <trip> for from/to');
    if (route !== undefined && el.name === "flow") el.fail("give either route or from/to, not both");
    return { kind: "trip", from: el.str("from"), to: el.str("to"), via: el.optList("via") ?? [] };
  }
  return { kind: "route", routeId: route ?? "" };
}

/** SUMO time: seconds, or `h:m:s` / `d:h:m:s`. */
function timeAttr(el: XmlElement, attr: string): number | undefined {
  const raw = el.attrs[attr];
  if (raw === undefined) return undefined;
  if (!raw.includes(":")) return checkedNumber(el, attr, "nonNegative");
  const parts = raw.split(":").map((p) => (p.trim().length === 0 ? Number.NaN : Number(p)));
  const scale = parts.length === 3 ? [3600, 60, 1] : parts.length === 4 ? [86400, 3600, 60, 1] : undefined;
  if (!scale || !parts.every((p) => Number.isFinite(p) && p >= 0)) {
    el.fail(`attribute ${attr}="${raw}" is not a time (seconds, h:m:s or d:h:m:s)`);
  }
  return parts.reduce((sum, p, i) => sum + p * scale[i], 0);
}

function readDepartTime(el: XmlElement): SumoVehicle["departS"] {
  const raw = el.str("depart");
  if ((DEPART_TIME as readonly string[]).includes(raw)) return raw as (typeof DEPART_TIME)[number];
  return timeAttr(el, "depart")!;
}

function readFlowRate(el: XmlElement): Pick<SumoFlow, "endS" | "rate" | "number"> {
  const out: Pick<SumoFlow, "endS" | "rate" | "number"> = {};
  const end = timeAttr(el, "end");
  if (end !== undefined) out.endS = end;
  const given = ["vehsPerHour", "perHour", "period", "probability"].filter((a) => el.attrs[a] !== undefined);
  if (given.length > 1) el.fail(`give only one of ${given.join(", ")}`);
  const rateAttr = given[0];
  let rate: SumoFlowRate | undefined;
  if (rateAttr === "vehsPerHour" || rateAttr === "perHour") {
    rate = { kind: "vehsPerHour", value: checkedNumber(el, rateAttr, "positive") };
  } else if (rateAttr === "period") {
    const raw = el.str("period");
    if (raw.startsWith("exp(") && raw.endsWith(")")) {
      const r = Number(raw.slice(4, -1));
      if (!(r > 0) || !Number.isFinite(r)) el.fail(`attribute period="${raw}": exp(rate) needs a positive rate`);
      rate = { kind: "poisson", ratePerS: r };
    } else {
      rate = { kind: "period", periodS: checkedNumber(el, "period", "positive") };
    }
  } else if (rateAttr === "probability") {
    const p = checkedNumber(el, "probability", "nonNegative");
    if (p > 1) el.fail(`attribute probability="${el.attrs.probability}" must be at most 1`);
    rate = { kind: "probability", value: p };
  }
  if (rate) out.rate = rate;
  const number = el.optInt("number");
  if (number !== undefined) {
    if (number < 0) el.fail(`attribute number="${number}" must not be negative`);
    out.number = number;
  }
  if (!rate && (number === undefined || end === undefined)) {
    el.fail("needs one of vehsPerHour, period, probability, or number together with end");
  }
  return out;
}

/** A number (checked against `bound`) or one of SUMO's keywords for `attr`. */
function numOrKeyword<K extends string>(
  el: XmlElement,
  attr: string,
  keywords: readonly K[],
  bound: "index" | "nonNegative" | "any",
): number | K | undefined {
  const raw = el.attrs[attr];
  if (raw === undefined) return undefined;
  if ((keywords as readonly string[]).includes(raw)) return raw as K;
  const n = raw.trim().length === 0 ? Number.NaN : Number(raw);
  const ok = Number.isFinite(n) && (bound === "any" || (n >= 0 && (bound !== "index" || Number.isInteger(n))));
  if (!ok) {
    const what = bound === "index" ? "a lane index" : bound === "nonNegative" ? "a non-negative number" : "a number";
    el.fail(`attribute ${attr}="${raw}" must be ${what} or one of ${keywords.join(", ")}`);
  }
  return n;
}
