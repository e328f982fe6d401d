/**
 * replay: plays recorded actions, one per step, whatever it observes (regression tests, reproducing
 * an episode's agent, scripted manoeuvres). The actions file is JSON:
 *
 * ```json
 * { "format": "roadgym-actions", "version": 1, "actionSpace": "lane", "dtS": 0.1, "actions": ["keep_lane", …] }
 * ```
 *
 * After the last action it holds the last one (`end: "hold"`) or starts over (`end: "loop"`).
 * {@link ActionRecorder} writes such files.
 */
import { writeFileSync } from "node:fs";
import { readInputText } from "../../spec/readInputFile.js";
import { z } from "zod";
import { ActionSpaceSchema, type ActionSpace } from "../../spec/CompiledScenario.js";
import { isNumericArray } from "../../spec/NumericArray.js";

/** The actions file. */
export const RecordedActionsSchema = z.object({
  format: z.literal("roadgym-actions"),
  version: z.literal(1),
  actionSpace: ActionSpaceSchema,
  /** Step length the actions were recorded at (s). */
  dtS: z.number().positive(),
  /** One wire action per step (see core/controllers/actionSpaces.ts). */
  actions: z.array(z.unknown()).min(1),
});
/** A parsed actions file. */
export type RecordedActions = z.infer<typeof RecordedActionsSchema>;

/** Reads and checks an actions file; errors name the file and the field. */
export function readRecordedActions(path: string): RecordedActions {
  let json: unknown;
  try {
    json = JSON.parse(readInputText(path));
  } catch (e) {
    if (e instanceof SyntaxError) throw new Error(`${path}: not JSON: ${e.message}`, { cause: e });
    throw e;
  }
  const r = RecordedActionsSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${path}: field "${i.path.join(".") || "(root)"}": ${i.message}`);
  }
  return r.data;
}

/** Plays `actions` in order. */
export class ReplayPolicy {
  private index = 0;

  constructor(
    readonly recorded: RecordedActions,
    readonly end: "hold" | "loop",
  ) {}

  /** The next recorded action. */
  act(): unknown {
    const list = this.recorded.actions;
    const a = list[Math.min(this.index, list.length - 1)];
    this.index++;
    if (this.end === "loop" && this.index >= list.length) this.index = 0;
    return structuredClone(a);
  }

  /** State: the position in the list. */
  snapshot(): unknown {
    return { index: this.index };
  }

  /** Returns to a `snapshot`. */
  restore(state: unknown): void {
    this.index = (state as { index: number }).index;
  }
}

/** Collects one agent's actions step by step and writes an actions file. */
export class ActionRecorder {
  private readonly actions: unknown[] = [];

  constructor(
    readonly actionSpace: ActionSpace,
    readonly dtS: number,
  ) {}

  /** Appends this step's action (plain arrays and strings; typed arrays become arrays). */
  push(action: unknown): void {
    this.actions.push(isNumericArray(action) ? Array.from(action) : structuredClone(action));
  }

  /** The recorded file's content. */
  toJSON(): RecordedActions {
    return {
      format: "roadgym-actions",
      version: 1,
      actionSpace: this.actionSpace,
      dtS: this.dtS,
      actions: [...this.actions],
    };
  }

  /** Writes the file. */
  write(path: string): void {
    writeFileSync(path, JSON.stringify(this.toJSON()) + "\n");
  }
}
