/** `double_merge`: an on-ramp and an off-ramp joined by a weaving section. */
import type { MapGenerator } from "./MapGenerator.js";
import { buildRampCorridor } from "./buildRampCorridor.js";
import { lanesParam, laneWidthParam, lengthParam } from "./commonParams.js";
import { mainSpeedLimitParam, rampAngleParam, rampLanesParam, rampSpeedLimitParam } from "./rampParams.js";

/** Two inputs merge into a shared weaving section, which splits into two outputs (SMARTS' double merge). */
export const doubleMerge: MapGenerator = {
  name: "double_merge",
  doc:
    "Two inputs merging into one shared section that splits again (a weaving section, as in the SMARTS " +
    "double-merge scenarios), main road driving east (+x). Inputs: `main_in` (`lanes` lanes, from dead end " +
    "`main_start` at the origin) and `ramp_in` (`ramp_lanes` lanes joining from the right at `ramp_angle`, " +
    "from dead end `ramp_start`), both into junction `merge`. Shared section `weave` (lanes + ramp_lanes " +
    "lanes; `weave_0` … `weave_<ramp_lanes-1>` continue the ramp, the rest the main road) from `merge` to " +
    "junction `diverge`. Outputs from `diverge`: `main_out` (fed by the main-road lanes of `weave`, to dead " +
    "end `main_end`) and `ramp_out` (fed by the ramp lanes of `weave`, leaving to the right, to dead end " +
    "`ramp_end`). Ramp traffic heading for `main_out` and main traffic heading for `ramp_out` must cross " +
    "each other by changing lanes within `weave`. Both junctions are 20 m long.",
  params: [
    lanesParam(2, "Lanes of the main road."),
    rampLanesParam,
    laneWidthParam,
    mainSpeedLimitParam,
    rampSpeedLimitParam,
    lengthParam("upstream_length", "upstreamM", 150, "Length of `main_in`, metres."),
    lengthParam("weave_length", "weaveM", 150, "Length of the shared weaving section `weave`, metres."),
    lengthParam("downstream_length", "downstreamM", 150, "Length of `main_out`, metres."),
    lengthParam("ramp_length", "rampM", 120, "Length of `ramp_in` and of `ramp_out`, metres."),
    rampAngleParam,
  ],
  generate(p) {
    return buildRampCorridor({
      generator: "double_merge",
      params: p,
      ids: {
        mainIn: "main_in",
        rampIn: "ramp_in",
        shared: "weave",
        mainOut: "main_out",
        rampOut: "ramp_out",
        mainStart: "main_start",
        rampStart: "ramp_start",
        entry: "merge",
        exit: "diverge",
        mainEnd: "main_end",
        rampEnd: "ramp_end",
      },
      lanes: p.lanes as number,
      rampLanes: p.rampLanes as number,
      widthM: p.laneWidthM as number,
      speedLimitMps: p.speedLimitMps as number,
      rampSpeedLimitMps: p.rampSpeedLimitMps as number,
      upstreamM: p.upstreamM as number,
      sharedM: p.weaveM as number,
      downstreamM: p.downstreamM as number,
      rampInM: p.rampM as number,
      rampOutM: p.rampM as number,
      rampAngleRad: p.rampAngleRad as number,
    });
  },
};
