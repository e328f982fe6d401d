/**
 * Pass 9: bubbles — zone (road span, box, polygon), optional follow target (an agent, social agent
 * or trip vehicle, resolved by name), airlock margin, actor (zoo policy, learning agent, traffic
 * provider), limits, time window and exclusion prefixes.
 */
import type { BlockNode, NameNode, PropNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import {
  SCENARIO_DEFAULTS,
  TRAFFIC_PROVIDERS,
  type Bubble,
  type BubbleActor,
  type Zone,
} from "../../spec/CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import { lowerInterface } from "./lowerAgents.js";
import { lowerZooRef } from "./lowerSocialAgents.js";
import { resolveRoad } from "./positions.js";
import { PropTable, scenarioProps } from "./props.js";
import { readPoint as point, readQuantity } from "./values.js";

export function lowerBubbles(ctx: CompileContext): void {
  const blocks = scenarioProps(ctx).blocks("bubble");
  const out: Bubble[] = [];
  const seen = new Map<string, NameNode>();
  for (const block of blocks) {
    const nameNode = block.name as NameNode;
    const first = seen.get(nameNode.name);
    if (first)
      ctx.error(nameNode.loc, `duplicate bubble "${nameNode.name}" (first declared at line ${first.loc.start.line})`);
    else seen.set(nameNode.name, nameNode);
    const bubble = lowerBubble(ctx, block, nameNode.name);
    if (bubble && !first) out.push(bubble);
  }
  ctx.out.bubbles = out;
}

function lowerBubble(ctx: CompileContext, block: BlockNode, name: string): Bubble | undefined {
  const what = `bubble "${name}"`;
  const props = new PropTable(ctx, block.items, what);
  let ok = true;
  const bad = () => {
    ok = false;
    return undefined;
  };

  const zoneProp = props.get("zone");
  const zone = zoneProp
    ? (lowerZone(ctx, zoneProp) ?? bad())
    : (ctx.error(
        block.loc,
        `${what} needs a zone: \`zone road <id> from <m> length <m>\`, \`zone box ...\` or \`zone polygon ...\``,
      ),
      bad());

  let follow: Bubble["follow"] = null;
  const f = props.get("follow");
  if (f?.value.type === "follow") {
    const t = f.value;
    const table =
      t.target === "agent"
        ? ctx.symbols.agents
        : t.target === "social"
          ? ctx.symbols.socials
          : new Map([...ctx.symbols.trips, ...ctx.symbols.agents, ...ctx.symbols.socials]);
    const kind =
      t.target === "agent" ? "agent" : t.target === "social" ? "social agent" : "vehicle (trip, agent or social agent)";
    if (!table.has(t.name.name)) {
      ctx.error(t.name.loc, `unknown ${kind} "${t.name.name}" to follow${didYouMean(t.name.name, table.keys())}`);
      bad();
    }
    const offset = t.offset ? (point(ctx, t.offset, "follow offset") ?? bad()) : SCENARIO_DEFAULTS.bubble.followOffsetM;
    if (zoneProp?.value.type === "roadZone") {
      ctx.error(
        f.loc,
        `a bubble that follows a vehicle needs a box or polygon zone (relative to the vehicle), not a road zone`,
      );
      bad();
    }
    if (offset) follow = { kind: t.target, name: t.name.name, offsetM: offset };
  }

  let marginM: number = SCENARIO_DEFAULTS.bubble.marginM;
  const m = props.get("margin");
  if (m?.value.type === "quantity")
    marginM = readQuantity(ctx, m.value, "length", "margin", { min: 0 }) ?? bad() ?? marginM;

  const actorProp = props.get("actor");
  let actor: BubbleActor | undefined;
  if (!actorProp) {
    ctx.error(
      block.loc,
      `${what} needs an actor: \`actor zoo "<policy>@v<n>"\`, \`actor agent { ... }\` or \`actor traffic local\``,
    );
    bad();
  } else actor = lowerActor(ctx, actorProp, what) ?? bad();

  const limits: Bubble["limits"] = { ...SCENARIO_DEFAULTS.bubble.limits };
  const lb = props.blocks("limits")[0];
  if (lb) {
    const lp = new PropTable(ctx, lb.items, `${what}'s limits`);
    for (const key of ["hijack", "shadow"] as const) {
      const p = lp.get(key);
      if (p?.value.type === "quantity")
        limits[key] = readQuantity(ctx, p.value, "count", `${key} limit`, { min: 0 }) ?? bad() ?? null;
    }
    if (limits.hijack !== null && limits.shadow !== null && limits.shadow < limits.hijack) {
      ctx.error(
        lb.loc,
        `the shadow limit (${limits.shadow}) must be at least the hijack limit (${limits.hijack}): vehicles are shadowed before they are hijacked`,
      );
      bad();
    }
  }

  let window: Bubble["window"] = null;
  const a = props.get("active");
  if (a?.value.type === "window") {
    const beginS = readQuantity(ctx, a.value.from, "time", "active from", { min: 0 });
    const endS = readQuantity(ctx, a.value.to, "time", "active to", { min: 0, minExclusive: true });
    if (beginS === undefined || endS === undefined) bad();
    else if (endS <= beginS) {
      ctx.error(a.value.loc, `the active window must end after it begins (${a.value.from.text} to ${a.value.to.text})`);
      bad();
    } else window = { beginS, endS };
  }

  const excludePrefixes: string[] = [];
  const ex = props.get("exclude");
  if (ex?.value.type === "list") {
    for (const s of ex.value.items) {
      if (s.value === "") {
        ctx.error(s.loc, "an empty exclusion prefix would exclude every vehicle");
        bad();
      } else excludePrefixes.push(s.value);
    }
  }
  if (!ok || !zone || !actor) return undefined;
  return { name, zone, follow, marginM, actor, limits, window, excludePrefixes };
}

function lowerZone(ctx: CompileContext, prop: PropNode): Zone | undefined {
  const z = prop.value;
  if (z.type === "roadZone") {
    const fromM = readQuantity(ctx, z.from, "length", "zone start", { min: 0, bareUnit: "m" });
    const lengthM = readQuantity(ctx, z.length, "length", "zone length", { min: 0, minExclusive: true, bareUnit: "m" });
    const road = resolveRoad(ctx, z.road);
    if (fromM === undefined || lengthM === undefined || (ctx.network && !road)) return undefined;
    if (road && fromM + lengthM > road.lengthM + 1e-6) {
      ctx.error(
        z.loc,
        `the zone ends at ${Number((fromM + lengthM).toFixed(3))} m, past the end of road "${road.id}" (${Number(road.lengthM.toFixed(2))} m long)`,
      );
      return undefined;
    }
    return { kind: "road", roadId: z.road.name, fromM, lengthM };
  }
  if (z.type === "boxZone") {
    const centerM = point(ctx, z.center, "box center");
    const sizeM = point(ctx, z.size, "box size", true);
    const headingRad = z.heading
      ? readQuantity(ctx, z.heading, "angle", "heading")
      : SCENARIO_DEFAULTS.bubble.headingRad;
    return centerM && sizeM && headingRad !== undefined ? { kind: "box", centerM, sizeM, headingRad } : undefined;
  }
  if (z.type === "polygonZone") {
    const pts = z.points.map((p) => point(ctx, p, "polygon point"));
    if (!pts.every((p): p is [number, number] => p !== undefined)) return undefined;
    if (pts.length < 3) {
      ctx.error(z.loc, `a polygon needs at least 3 points, got ${pts.length}`);
      return undefined;
    }
    let area2 = 0;
    for (let i = 0; i < pts.length; i++) {
      const [x0, y0] = pts[i];
      const [x1, y1] = pts[(i + 1) % pts.length];
      area2 += x0 * y1 - x1 * y0;
    }
    if (Math.abs(area2) < 1e-9) {
      ctx.error(z.loc, "the polygon has no area (its points are on one line)");
      return undefined;
    }
    return { kind: "polygon", pointsM: pts };
  }
  return undefined;
}

/** Providers a bubble can hand vehicles to (the history provider takes none). */
const BUBBLE_PROVIDERS = TRAFFIC_PROVIDERS.filter(
  (p): p is Exclude<(typeof TRAFFIC_PROVIDERS)[number], "history"> => p !== "history",
);

function lowerActor(ctx: CompileContext, prop: PropNode, what: string): BubbleActor | undefined {
  const a = prop.value;
  if (a.type === "zooActor") {
    const policy = lowerZooRef(ctx, a.ref);
    return policy ? { kind: "zoo", policy } : undefined;
  }
  if (a.type === "agentActor") {
    const iface = lowerInterface(ctx, new PropTable(ctx, a.items, `${what}'s agent`), `${what}'s agent`);
    return iface ? { kind: "agent", interface: iface } : undefined;
  }
  if (a.type === "trafficActor") {
    const name = a.provider.name;
    if (name === "history") {
      // A recording cannot continue from a pose it did not record: the history provider takes no vehicles.
      ctx.error(
        a.provider.loc,
        `${what} cannot hand vehicles to "history": recorded traffic replays a recording and takes over no vehicles (hand them to ${BUBBLE_PROVIDERS.join(" or ")})`,
      );
      return undefined;
    }
    if ((BUBBLE_PROVIDERS as readonly string[]).includes(name))
      return { kind: "traffic", provider: name as (typeof BUBBLE_PROVIDERS)[number] };
    ctx.error(
      a.provider.loc,
      `unknown traffic provider "${name}"${didYouMean(name, BUBBLE_PROVIDERS)} (providers: ${BUBBLE_PROVIDERS.join(", ")})`,
    );
  }

  return undefined;
}
