/**
 * The built-in zoo: every entry shipped with roadgym, and `file:` locators loading trained tfjs
 * policies. A fresh value per call (no module-level registry); add your own entries to it with
 * `register`. Node only (replay files and policy directories are read from the disk, policies run
 * in worker threads on request); the rule-based part alone is {@link createRuleBasedZoo}.
 */
import { replayEntry } from "./entries/replay.js";
import { createRuleBasedZoo } from "./ruleBasedZoo.js";
import { createTfjsFileLoader } from "./tfjs/loadTfjsPolicy.js";
import { startWorkerPolicy } from "./worker/WorkerPolicy.js";
import type { Zoo } from "./Zoo.js";

/** A zoo with the built-in entries. */
export function createDefaultZoo(): Zoo {
  return createRuleBasedZoo()
    .register(replayEntry)
    .setFileLoader(createTfjsFileLoader())
    .setWorkerStarter(startWorkerPolicy);
}
