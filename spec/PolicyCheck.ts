/**
 * The contract between the scenario compiler and the agent zoo for checking a scenario's policy
 * references at compile time: the compiler hands each `zoo "<locator>" { params }` (social agents,
 * bubble actors) to a check the composition root supplies from its zoo, and reports each problem at
 * the locator or at the parameter it names, with `file:line:col`. A type only: neither side imports
 * the other.
 */

/** A problem with a zoo reference. */
export interface PolicyProblem {
  /** The parameter at fault (as the scenario writes it); absent: the locator itself. */
  readonly param?: string;
  /** What is wrong, for the diagnostic. */
  readonly message: string;
}

/** Checks a zoo reference (a scenario's `PolicyRef` from spec/CompiledScenario.ts, or any locator with parameters) against a zoo (`baseDir`: where relative `file:` paths start); no problems: it resolves. */
export type PolicyCheck = (
  ref: { readonly locator: string; readonly params: Readonly<Record<string, unknown>> },
  baseDir: string,
) => readonly PolicyProblem[];
