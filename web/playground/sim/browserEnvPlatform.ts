/**
 * The composition root's platform in a browser: local IDM/MOBIL traffic (SUMO needs a native
 * process, recorded traffic reads files at run time), the rule-based zoo plus trained policies
 * held in memory, in-process social agents, no file sinks (the replay is kept in memory instead).
 */
import { createRuleBasedZoo } from "../../../agent-zoo/ruleBasedZoo.js";
import type { EnvPlatform } from "../../../compose/EnvPlatform.js";
import { LocalTrafficProvider } from "../../../providers/local/LocalTrafficProvider.js";
import type { MemoryTfjsPolicies } from "./MemoryTfjsPolicies.js";

/** The browser's platform, with `policies` for `file:` locators. */
export function browserEnvPlatform(policies: MemoryTfjsPolicies): EnvPlatform {
  return {
    providers: { local: () => new LocalTrafficProvider() },
    zoo: () => createRuleBasedZoo().setFileLoader(policies.fileLoader()),
  };
}
