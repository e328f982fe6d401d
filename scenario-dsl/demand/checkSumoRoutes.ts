/**
 * Checks SUMO route and trip files against the network they are run on, as `sumo` does when it loads
 * them: every edge a route, vehicle, trip or flow names must be a road of the network (not a junction's
 * internal edge), consecutive edges of a route must be connected, and a `route="…"` reference must name
 * a route or route distribution of one of the files. Each problem is a {@link FileFormatError} at the
 * element that has it (`file:line:col`), in file order.
 *
 * Trips (`from`/`to`) are not routed here: routing happens when a trip departs, as in SUMO.
 */
import { FileFormatError } from "../../spec/FileFormatError.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { walkSumoXml, type XmlElement } from "../../core/road/sumo/walkSumoXml.js";

/** One route file: its path (as errors name it) and its text. */
export interface RouteFileText {
  path: string;
  text: string;
}

/**
 * The problems of `files` on `network`, at most `maxProblems` (the rest would repeat them).
 * Files are assumed to parse (`parseSumoRoutes` first); elements it would reject are not looked at again.
 */
export function checkSumoRoutes(
  files: readonly RouteFileText[],
  network: RoadNetwork,
  maxProblems = 20,
): FileFormatError[] {
  const routeIds = new Set<string>();
  for (const f of files) collectRouteIds(f, routeIds);
  const problems: FileFormatError[] = [];
  for (const f of files) {
    if (problems.length >= maxProblems) break;
    checkFile(f, network, routeIds, problems, maxProblems);
  }
  return problems;
}

/** Ids of every `<route>` and `<routeDistribution>` of a file (named routes inside distributions too). */
function collectRouteIds(f: RouteFileText, out: Set<string>): void {
  let distId: string | undefined;
  let distCount = 0;
  walkSumoXml(f.text, f.path, {
    open(el) {
      if (el.depth === 1 && el.name === "routeDistribution") {
        distId = el.attrs.id;
        distCount = 0;
        if (distId !== undefined) out.add(distId);
      } else if (el.depth === 1 && el.name === "route" && el.attrs.id !== undefined) out.add(el.attrs.id);
      else if (el.depth === 2 && el.name === "route" && distId !== undefined && el.attrs.refId === undefined) {
        out.add(el.attrs.id ?? `${distId}#${distCount}`);
        distCount++;
      } else if (el.depth === 2 && el.name === "route" && distId !== undefined) distCount++;
    },
    close(name) {
      if (name === "routeDistribution") distId = undefined;
    },
  });
}

function checkFile(
  f: RouteFileText,
  net: RoadNetwork,
  routeIds: ReadonlySet<string>,
  problems: FileFormatError[],
  maxProblems: number,
): void {
  const report = (el: XmlElement, message: string): void => {
    if (problems.length < maxProblems) problems.push(el.error(message));
  };
  /** Whether `id` is a road vehicles drive on; reports it at `el` otherwise. */
  const known = (el: XmlElement, id: string): boolean => {
    const road = net.road(id);
    if (road !== undefined && road.kind === "normal") return true;
    report(el, road === undefined ? `unknown edge "${id}"` : `edge "${id}" is an internal edge of a junction`);
    return false;
  };
  const edges = (el: XmlElement, list: readonly string[]): void => {
    if (!list.every((id) => known(el, id))) return;
    for (let i = 0; i + 1 < list.length; i++) {
      const a = net.road(list[i])!;
      const b = net.road(list[i + 1])!;
      if (!a.successors.includes(b)) report(el, `edge "${b.id}" is not connected to edge "${a.id}"`);
    }
  };
  const list = (el: XmlElement, attr: string): string[] => (el.attrs[attr] ?? "").split(/\s+/).filter((s) => s !== "");
  walkSumoXml(f.text, f.path, {
    open(el) {
      // Routes at the top level, in a distribution, or written inside a vehicle or flow.
      if (el.name === "route" && el.attrs.edges !== undefined && el.depth <= 2) {
        edges(el, list(el, "edges"));
        return;
      }
      if (el.depth !== 1 || (el.name !== "vehicle" && el.name !== "trip" && el.name !== "flow")) return;
      const route = el.attrs.route;
      if (route !== undefined && !routeIds.has(route)) report(el, `unknown route "${route}"`);
      for (const attr of ["from", "to"]) if (el.attrs[attr] !== undefined) known(el, el.attrs[attr]);
      for (const id of list(el, "via")) known(el, id);
    },
    close() {},
  });
}
