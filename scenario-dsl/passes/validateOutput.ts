/**
 * Pass 11: the compiled data against its zod schema. The passes before only build valid data, so a
 * failure here is a compiler bug; it is still reported as a diagnostic (at the scenario's name),
 * naming the field, rather than thrown.
 */
import type { CompileContext } from "../CompileContext.js";
import { CompiledScenarioSchema } from "../../spec/CompiledScenario.js";

export function validateOutput(ctx: CompileContext): void {
  const result = CompiledScenarioSchema.omit({ contentHash: true }).safeParse(ctx.out);
  if (result.success) return;
  for (const issue of result.error.issues.slice(0, 10)) {
    ctx.error(
      ctx.ast.name.loc,
      `internal compiler error: compiled scenario field ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
}
