/**
 * A quick-look SVG of a road network: roadside strips (shoulders, sidewalks, … of OpenDRIVE maps),
 * road surfaces, lane markings, junction outlines and signal heads (coloured by the first phase of
 * their program). World y points north, so the drawing flips y.
 */
import type { Lane } from "./Lane.js";
import type { RoadNetwork } from "./RoadNetwork.js";

/** Options for {@link mapToSvg}. */
export interface MapSvgOptions {
  /**
   * Pixels per metre.
   * @default 2
   */
  scale?: number;
  /**
   * Margin around the map (metres).
   * @default 10
   */
  marginM?: number;
}

const SIGNAL_COLOURS: Record<string, string> = {
  G: "#1db954",
  g: "#7fdc8f",
  y: "#f5c518",
  Y: "#f5c518",
  r: "#e0393e",
  s: "#e0393e",
  u: "#f59e18",
  o: "#888",
  O: "#888",
};

/** Roadside strip colours by source lane type; unlisted types use `other`, shoulder surface `shoulder`. */
const ROADSIDE_COLOURS: Record<string, string> = {
  shoulder: "#6e6e6e",
  sidewalk: "#b9b3a6",
  biking: "#9c5b4c",
  other: "#858585",
};

/** Renders the network as an SVG document string. */
export function mapToSvg(net: RoadNetwork, options: MapSvgOptions = {}): string {
  const scale = options.scale ?? 2;
  const margin = options.marginM ?? 10;
  const [minX, minY, maxX, maxY] = net.bounds();
  const w = maxX - minX + 2 * margin;
  const h = maxY - minY + 2 * margin;
  // Importers bound every coordinate (spec/coordinateLimit.ts); a scale can still overflow the size.
  if (!Number.isFinite(w * scale) || !Number.isFinite(h * scale))
    throw new RangeError(
      `the drawing would be ${w * scale} × ${h * scale} px (the map is ${w.toFixed(0)} × ${h.toFixed(0)} m at ${scale} px/m): choose a smaller scale`,
    );
  const X = (x: number) => fmt(x - minX + margin);
  const Y = (y: number) => fmt(maxY + margin - y);
  const path = (pts: readonly { x: number; y: number }[], close = false) =>
    pts.map((p, i) => `${i === 0 ? "M" : "L"}${X(p.x)} ${Y(p.y)}`).join("") + (close ? "Z" : "");

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(w * scale)}" height="${fmt(h * scale)}" viewBox="0 0 ${fmt(w)} ${fmt(h)}">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#2d5a27"/>`);

  out.push(`<g id="roadside" fill="none" stroke-linejoin="round">`);
  for (const r of net.spec.roadside ?? []) {
    if (r.type === "none") continue;
    const colour = r.shoulder ? ROADSIDE_COLOURS.shoulder : (ROADSIDE_COLOURS[r.type] ?? ROADSIDE_COLOURS.other);
    out.push(
      `<path data-roadside="${esc(r.id)}" d="${path(r.shape.map(([x, y]) => ({ x, y })))}" stroke="${colour}" stroke-width="${fmt(r.widthM)}"/>`,
    );
  }
  out.push(`</g>`);

  out.push(`<g id="junctions" fill="#555" stroke="none">`);
  for (const j of net.junctions.values()) {
    if (j.shape.length >= 3)
      out.push(
        `<path d="${path(
          j.shape.map(([x, y]) => ({ x, y })),
          true,
        )}"/>`,
      );
  }
  out.push(`</g>`);

  out.push(`<g id="lanes" fill="#555" stroke="#555" stroke-width="0.05">`);
  for (const lane of net.laneList) out.push(`<path data-lane="${esc(lane.id)}" d="${path(laneOutline(lane), true)}"/>`);
  out.push(`</g>`);

  // Markings: dashed between lanes of one road, solid along each road's outer edges.
  out.push(`<g id="markings" fill="none" stroke="#fff" stroke-width="0.15">`);
  for (const road of net.roads.values()) {
    if (road.kind !== "normal") continue;
    for (const lane of road.lanes) {
      const left = edgeLine(lane, +1);
      if (lane.left) out.push(`<path d="${path(left)}" stroke-dasharray="3 6"/>`);
      else out.push(`<path d="${path(left)}"/>`);
      if (lane.index === 0) out.push(`<path d="${path(edgeLine(lane, -1))}"/>`);
    }
  }
  out.push(`</g>`);

  out.push(`<g id="signals" stroke="#000" stroke-width="0.2">`);
  for (const [laneId, conns] of net.connectionsFrom) {
    const lane = net.lane(laneId)!;
    if (lane.isInternal) continue;
    for (const c of conns) {
      if (!c.tlId || c.linkIndex === undefined) continue;
      const program = net.signals.get(c.tlId);
      const state = program?.phases[0].state[c.linkIndex] ?? "o";
      const p = lane.toWorld(lane.centreline.length - 1.5);
      out.push(
        `<circle data-tl="${esc(c.tlId)}" cx="${X(p.x)}" cy="${Y(p.y)}" r="0.9" fill="${SIGNAL_COLOURS[state] ?? "#888"}"/>`,
      );
      break;
    }
  }
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

/** Closed outline of a lane: its right edge forward, then its left edge back. */
function laneOutline(lane: Lane): { x: number; y: number }[] {
  return [...edgeLine(lane, -1), ...edgeLine(lane, +1).reverse()];
}

/** The lane's left (+1) or right (−1) edge at every centreline vertex. */
function edgeLine(lane: Lane, side: 1 | -1): { x: number; y: number }[] {
  const { xs, ys } = lane.centreline;
  const half = (lane.widthM / 2) * side;
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < xs.length; i++) {
    // Normal at a vertex: average of the adjacent segments' directions.
    const a = i > 0 ? i - 1 : 0;
    const b = i < xs.length - 1 ? i + 1 : xs.length - 1;
    const dx = xs[b] - xs[a];
    const dy = ys[b] - ys[a];
    const len = Math.hypot(dx, dy) || 1;
    out.push({ x: xs[i] - (dy / len) * half, y: ys[i] + (dx / len) * half });
  }
  return out;
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
