/** `merge`: a main road with an on-ramp joining through an acceleration lane. */
import type { MapGenerator } from "./MapGenerator.js";
import { buildRampCorridor } from "./buildRampCorridor.js";
import { lanesParam, laneWidthParam, lengthParam } from "./commonParams.js";
import { mainSpeedLimitParam, rampAngleParam, rampLanesParam, rampSpeedLimitParam } from "./rampParams.js";

/** Main road plus on-ramp; the acceleration lanes end after the merge section (lane drop). */
export const onRampMerge: MapGenerator = {
  name: "merge",
  doc:
    "A main road driving east (+x) with an on-ramp joining from the right (south) at `ramp_angle`. " +
    "Roads: `main_in` (`lanes` lanes, from dead end `main_start` at the origin to junction `merge_entry`), " +
    "`ramp_in` (`ramp_lanes` lanes, from dead end `ramp_start` to `merge_entry`), `merge` (the merge " +
    "section, lanes + ramp_lanes lanes: `merge_0` … `merge_<ramp_lanes-1>` are the acceleration lanes fed " +
    "by the ramp, the main lanes continue as `merge_<ramp_lanes>` …; from `merge_entry` to `merge_exit`) and " +
    "`main_out` (`lanes` lanes, from `merge_exit` to dead end `main_end`). The acceleration lanes have no " +
    "successor: ramp traffic must change left within `merge` (the lane count drops at `merge_exit`). " +
    "The main road's right edge is y = 0; `merge_entry` is 20 m long, `merge_exit` 2 m.",
  params: [
    lanesParam(2, "Lanes of the main road."),
    rampLanesParam,
    laneWidthParam,
    mainSpeedLimitParam,
    rampSpeedLimitParam,
    lengthParam("upstream_length", "upstreamM", 150, "Length of `main_in`, metres."),
    lengthParam("merge_length", "mergeM", 100, "Length of the merge section `merge` (the acceleration lanes), metres."),
    lengthParam("downstream_length", "downstreamM", 150, "Length of `main_out`, metres."),
    lengthParam("ramp_length", "rampM", 120, "Length of `ramp_in`, metres."),
    rampAngleParam,
  ],
  generate(p) {
    return buildRampCorridor({
      generator: "merge",
      params: p,
      ids: {
        mainIn: "main_in",
        rampIn: "ramp_in",
        shared: "merge",
        mainOut: "main_out",
        mainStart: "main_start",
        rampStart: "ramp_start",
        entry: "merge_entry",
        exit: "merge_exit",
        mainEnd: "main_end",
      },
      lanes: p.lanes as number,
      rampLanes: p.rampLanes as number,
      widthM: p.laneWidthM as number,
      speedLimitMps: p.speedLimitMps as number,
      rampSpeedLimitMps: p.rampSpeedLimitMps as number,
      upstreamM: p.upstreamM as number,
      sharedM: p.mergeM as number,
      downstreamM: p.downstreamM as number,
      rampInM: p.rampM as number,
      rampAngleRad: p.rampAngleRad as number,
    });
  },
};
