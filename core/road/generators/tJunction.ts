/** `t_junction`: a three-arm junction, optionally signalised. */
import type { MapGenerator } from "./MapGenerator.js";
import { buildCrossJunction, crossJunctionParams } from "./buildCrossJunction.js";

/** T junction: an east–west through road and a stem to the south. */
export const tJunction: MapGenerator = {
  name: "t_junction",
  doc:
    "A T junction `centre` at the origin: the east–west through road (major) and a stem to the south " +
    "(minor). Roads `east_in`, `east_out`, `west_in`, `west_out`, `south_in`, `south_out` (`<arm>_in` " +
    "drives towards the centre from dead end `<arm>_end`, `<arm>_out` away to it), `lanes` lanes each. " +
    "Through traffic goes straight from every lane; right turns use lane 0 and left turns the leftmost " +
    "lane; on the stem the right half of the lanes turns right and the left half left. With `signals`, " +
    "traffic light `centre` alternates the through road and the stem.",
  params: crossJunctionParams,
  generate: (p) => buildCrossJunction("t_junction", ["east", "south", "west"], p),
};
