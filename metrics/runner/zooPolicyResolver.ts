/**
 * Adapts an agent zoo (agent-zoo/Zoo.ts) to the runner's {@link PolicyResolver}: suites name
 * policies by zoo locator (`keep-lane@v0`, `idm-mobil@v1`, `file:./model`) and give the entry's
 * parameters as `options` (checked up front, so a typo fails before any episode runs). Each agent's
 * policy is the zoo's agent spec: its interface becomes the agent's, its adapters map observations
 * to actions. Via points are not passed to zoo policies (no paper scenario has any).
 */
import { zooPolicy } from "../../compose/zooPolicies.js";
import { parseLocator } from "../../agent-zoo/locator.js";
import { validateParams, type Zoo } from "../../agent-zoo/Zoo.js";
import { PolicyLocatorError, type PolicyResolver } from "./PolicyResolver.js";

/** The zoo as a benchmark policy resolver. */
export function zooPolicyResolver(zoo: Zoo): PolicyResolver {
  return (locator, options) => {
    try {
      const loc = parseLocator(locator);
      if (loc.kind === "file") {
        if (!zoo.files) throw new Error("this zoo loads no file policies");
        validateParams(locator, zoo.files.params, options);
      } else {
        validateParams(locator, zoo.entry(locator).params, options);
      }
    } catch (e) {
      throw new PolicyLocatorError(locator, (e as Error).message.replace(/^zoo:? ?("[^"]*":)? ?/, ""));
    }
    return { locator, create: (agent) => zooPolicy(zoo, locator, options, agent) };
  };
}
