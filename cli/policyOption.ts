/**
 * `--policy <locator>` and `--policy-params <json>`, shared by `roadgym run` and `roadgym view`:
 * drive the learning agents with any agent-zoo entry (`idm-mobil@v1`) or trained policy
 * (`file:<dir>`, relative to the working directory) instead of keep-lane. The locator and its
 * parameters are checked against the zoo before anything runs.
 */
import type { Command } from "commander";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import { zooPolicyCheck } from "../agent-zoo/zooPolicyCheck.js";
import type { ZooPolicyChoice } from "../compose/zooPolicies.js";
import { parseJsonObject } from "./parseOptions.js";
import { UserInputError } from "./UserInputError.js";

/** The flags the options add. */
export interface PolicyFlags {
  policy?: string;
  policyParams?: Record<string, unknown>;
}

/** Adds `--policy` and `--policy-params` to `command`. */
export function addPolicyOptions(command: Command): Command {
  return command
    .option(
      "--policy <locator>",
      "drive the learning agents with this agent-zoo policy (roadgym zoo list; file:<dir> for a trained one) instead of keep-lane",
    )
    .option("--policy-params <json>", "parameters of --policy, as a JSON object", parseJsonObject);
}

/** The policy the flags ask for (checked), or undefined for keep-lane. */
export function policyChoice(flags: PolicyFlags): ZooPolicyChoice | undefined {
  if (flags.policy === undefined) {
    if (flags.policyParams !== undefined)
      throw new UserInputError("error: --policy-params goes with --policy <locator>");
    return undefined;
  }
  const choice = { locator: flags.policy, params: flags.policyParams ?? {}, baseDir: process.cwd() };
  const problems = zooPolicyCheck(createDefaultZoo())(choice, choice.baseDir);
  if (problems.length) throw new UserInputError(`error: --policy: ${problems.map((p) => p.message).join("; ")}`);
  return choice;
}
