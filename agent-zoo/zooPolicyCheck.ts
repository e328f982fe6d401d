/**
 * A zoo as the scenario compiler's {@link PolicyCheck}: each `zoo "<locator>" { params }` of a
 * scenario (social agents, bubble actors) is checked when the scenario compiles — the entry and
 * version exist (or the `file:` policy's folder does), and the parameters pass the entry's schema —
 * so a typo or a bad preset is a `file:line:col` error instead of a failure when the first vehicle
 * enters a bubble. The policy itself is not made (a trained model is not loaded).
 */
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { PolicyCheck } from "../spec/PolicyCheck.js";
import { parseLocator } from "./locator.js";
import { checkParams, type Zoo } from "./Zoo.js";

/** The check of `zoo`'s locators and parameters. */
export function zooPolicyCheck(zoo: Zoo): PolicyCheck {
  return (ref, baseDir) => {
    let loc;
    try {
      loc = parseLocator(ref.locator);
    } catch (e) {
      return [{ message: (e as Error).message }];
    }
    if (loc.kind === "file") {
      const files = zoo.files;
      if (!files) return [{ message: `zoo "${ref.locator}": this zoo loads no file policies` }];
      const path = isAbsolute(loc.path) ? loc.path : resolve(baseDir, loc.path);
      const missing = existsSync(path) ? [] : [{ message: `zoo "${ref.locator}": no policy at ${path}` }];
      return [...missing, ...checkParams(ref.locator, files.params, ref.params)];
    }
    let entry;
    try {
      entry = zoo.entry(ref.locator);
    } catch (e) {
      return [{ message: (e as Error).message }];
    }
    return checkParams(ref.locator, entry.params, ref.params);
  };
}
