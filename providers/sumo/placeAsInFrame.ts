/**
 * Puts a SUMO vehicle where a frame shows a vehicle: `moveToXY` with the frame's box centre converted
 * to SUMO's front bumper, anywhere (even off the road), and the frame's speed. SUMO applies both in its
 * next step; the vehicle then stays under this remote control (no car following, no lane changes of
 * its own) until SUMO is told otherwise.
 */
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import type { SumoRoads } from "./SumoRoads.js";
import type { TraciClient } from "./traci/TraciClient.js";
import { centrePoseToSumoFront, type PlanarPose } from "./traci/sumoPose.js";

/** `moveToXY` keepRoute: place anywhere, even off the road. */
const PLACE_FREELY = 2;

/** The last speed sent to a remote-controlled vehicle (NaN: none yet), so that unchanged speeds are not sent again. */
export interface SentSpeed {
  sentSpeed: number;
}

const _pose: PlanarPose = { x: 0, y: 0, headingRad: 0 };

/**
 * Moves SUMO vehicle `sumoId` (SUMO length `lengthM`) to frame vehicle `i`'s pose and speed (a negative
 * speed counts as 0: SUMO reads a negative target speed as "give control back").
 */
export async function placeAsInFrame(
  client: TraciClient,
  roads: SumoRoads,
  sumoId: string,
  f: SimFrame,
  i: number,
  lengthM: number,
  speed: SentSpeed,
): Promise<void> {
  _pose.x = f.x[i];
  _pose.y = f.y[i];
  _pose.headingRad = f.headingRad[i];
  const front = centrePoseToSumoFront(_pose, lengthM);
  const hint = roads.laneHint(f.laneIds[i]);
  await client.moveToXY(sumoId, hint.edge, hint.index, front.x, front.y, front.angleDeg, PLACE_FREELY);
  const v = Math.max(0, f.speedMps[i]);
  if (v !== speed.sentSpeed) {
    await client.setSpeed(sumoId, v);
    speed.sentSpeed = v;
  }
}
