/** `intersection`: a four-arm junction, optionally signalised. */
import type { MapGenerator } from "./MapGenerator.js";
import { buildCrossJunction, crossJunctionParams } from "./buildCrossJunction.js";

/** Four-arm cross junction at the origin. */
export const fourWayIntersection: MapGenerator = {
  name: "intersection",
  doc:
    "A four-arm junction `centre` at the origin. Each arm (north, east, south, west) has road `<arm>_in` " +
    "(towards the centre, from dead end `<arm>_end`) and `<arm>_out` (away from it, to `<arm>_end`), " +
    "`lanes` lanes each, meeting at the arm's axis. Right turns from lane 0, left turns from the leftmost " +
    "lane, straight on from every lane, into the same lane index. East–west is the major road: unsignalised, " +
    "its straight and right turns have priority (M) and everything else yields (m); with `signals`, traffic " +
    "light `centre` runs east–west green, yellow, all red, then north–south (left turns permissive 'g'), " +
    "link indices clockwise from north as in SUMO.",
  params: crossJunctionParams,
  generate: (p) => buildCrossJunction("intersection", ["north", "east", "south", "west"], p),
};
