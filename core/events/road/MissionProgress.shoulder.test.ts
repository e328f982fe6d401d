/** On-shoulder and off-road on a map with shoulder surface (an OpenDRIVE road with a shoulder and a sidewalk). */
import { describe, expect, it } from "vitest";
import { opendriveText } from "../../../test/opendriveText.js";
import { importOpenDrive } from "../../road/opendrive/loadOpenDrive.js";
import { buildRoadNetwork } from "../../road/RoadNetwork.js";
import { MissionProgress } from "./MissionProgress.js";

// Road 1 along +x: lane −1 driving (y −3.5…0), −2 shoulder (y −5.5…−3.5), −3 sidewalk (y −7.5…−5.5).
const net = buildRoadNetwork(
  importOpenDrive(
    opendriveText([
      {
        id: "1",
        length: 200,
        sections: [
          { lanes: [{ id: -1 }, { id: -2, type: "shoulder", width: 2 }, { id: -3, type: "sidewalk", width: 2 }] },
        ],
      },
    ]),
    "shoulder.xodr",
  ),
);

function eventsAt(y: number) {
  const mp = new MissionProgress(
    net,
    { kind: "endless", viaPoints: [] },
    { agentId: "ego", dtS: 0.1, vehicleLengthM: 4, vehicleWidthM: 1.8 },
  );
  mp.reset({ x: 50, y: -1.75, headingRad: 0, speedMps: 10 }, 0);
  return mp.step({ x: 51, y, headingRad: 0, speedMps: 10 }, 1);
}

describe("MissionProgress on shoulder surface", () => {
  it("in the lane: neither on the shoulder nor off the road", () => {
    expect(eventsAt(-1.75)).toMatchObject({ onShoulder: false, offRoad: false });
  });

  it("centre on the shoulder lane: on the shoulder, not off the road", () => {
    expect(eventsAt(-4.5)).toMatchObject({ onShoulder: true, offRoad: false });
  });

  it("half over the lane edge onto the shoulder: on the shoulder", () => {
    expect(eventsAt(-3.2)).toMatchObject({ onShoulder: true, offRoad: false });
  });

  it("on the sidewalk: off the road", () => {
    expect(eventsAt(-6.5)).toMatchObject({ offRoad: true, onShoulder: false });
  });
});
