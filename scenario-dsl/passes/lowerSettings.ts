/** Pass 2: the scenario's own settings — name, seed, step length, duration. */
import type { CompileContext } from "../CompileContext.js";

/**
 * The shortest step a scenario may have (s), unless `CompileOptions.minStepS` says otherwise: 1 ms,
 * SUMO's time resolution (TraCI exchanges times in milliseconds, so a shorter step cannot run with
 * SUMO traffic), and a thousand times finer than driving needs (the default is 0.1 s, SMARTS's).
 * Shorter steps only multiply the work per simulated second: `step 0.0000001 s` is ten million
 * steps for one second.
 */
export const MIN_STEP_S = 0.001;
import { scenarioProps } from "./props.js";
import { readQuantity } from "./values.js";

export function lowerSettings(ctx: CompileContext): void {
  const top = scenarioProps(ctx);
  const out = ctx.out;
  out.name = ctx.ast.name.value;
  if (out.name.trim() === "") ctx.error(ctx.ast.name.loc, "the scenario needs a name");

  const seed = top.get("seed");
  if (seed?.value.type === "quantity") {
    const v = readQuantity(ctx, seed.value, "count", "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    if (v !== undefined) out.seed = v;
  }
  const step = top.get("step");
  if (step?.value.type === "quantity") {
    const v = readQuantity(ctx, step.value, "time", "step", { min: 0, minExclusive: true, max: 10 });
    if (v !== undefined && v < ctx.minStepS)
      ctx.error(
        step.value.loc,
        `step ${step.value.text} is below the shortest step allowed, ${ctx.minStepS * 1000} ms`,
      );
    else if (v !== undefined) out.dtS = v;
  }
  const duration = top.get("duration");
  if (duration?.value.type === "quantity") {
    const v = readQuantity(ctx, duration.value, "time", "duration", { min: 0, minExclusive: true });
    if (v !== undefined) {
      out.durationS = v;
      if (v < out.dtS) ctx.error(duration.value.loc, `duration ${duration.value.text} is shorter than one step`);
    }
  }
}
