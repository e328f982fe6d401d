/**
 * The built-in entries that need no file system (every one but `replay@v0`, which reads an actions
 * file): the zoo the browser playground runs, and the base of the built-in zoo. A fresh value per
 * call (no module-level registry).
 */
import { chaseViaPointsEntry } from "./entries/chaseViaPoints.js";
import { idmMobilEntry, idmMobilV2Entry } from "./entries/idmMobil.js";
import { keepLaneEntry } from "./entries/keepLane.js";
import { nonInteractiveEntry } from "./entries/nonInteractive.js";
import { Zoo } from "./Zoo.js";

/** A zoo with the built-in rule-based entries. */
export function createRuleBasedZoo(): Zoo {
  return new Zoo()
    .register(keepLaneEntry)
    .register(idmMobilEntry)
    .register(idmMobilV2Entry)
    .register(chaseViaPointsEntry)
    .register(nonInteractiveEntry);
}
