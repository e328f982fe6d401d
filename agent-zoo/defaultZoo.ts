/**
 * The built-in zoo: every entry shipped with roadgym, and `file:` locators loading trained tfjs
 * policies. A fresh value per call (no module-level registry); add your own entries to it with
 * `register`.
 */
import { chaseViaPointsEntry } from "./entries/chaseViaPoints.js";
import { idmMobilEntry, idmMobilV2Entry } from "./entries/idmMobil.js";
import { keepLaneEntry } from "./entries/keepLane.js";
import { nonInteractiveEntry } from "./entries/nonInteractive.js";
import { replayEntry } from "./entries/replay.js";
import { createTfjsFileLoader } from "./tfjs/loadTfjsPolicy.js";
import { Zoo } from "./Zoo.js";

/** A zoo with the built-in entries. */
export function createDefaultZoo(): Zoo {
  return new Zoo()
    .register(keepLaneEntry)
    .register(idmMobilEntry)
    .register(idmMobilV2Entry)
    .register(chaseViaPointsEntry)
    .register(nonInteractiveEntry)
    .register(replayEntry)
    .setFileLoader(createTfjsFileLoader());
}
