/**
 * Syntax highlighting of the scenario language (`.scn`, scenario-dsl/grammar/scenario.peggy) for
 * the playground's editor: comments, strings, numbers with their units, the block and statement
 * keywords, and `@` lane offsets. A highlighter only — the compiler's diagnostics say what is wrong.
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";

/** Words that open blocks or statements. */
const KEYWORDS = new Set([
  "scenario",
  "seed",
  "step",
  "duration",
  "map",
  "sumo",
  "opendrive",
  "vehicle_type",
  "driver",
  "traffic",
  "flow",
  "trip",
  "history",
  "agent",
  "social",
  "bubble",
  "variations",
  "mission",
  "route",
  "via_point",
  "action",
  "observe",
  "max_steps",
  "zoo",
  "zone",
  "actor",
  "limits",
  "exclude",
  "margin",
  "drivers",
  "goal",
  "done",
  "events",
  "neighbours",
  "neighbors",
  "waypoints",
  "road_waypoints",
  "lidar",
  "occupancy",
  "drivable_area",
  "rate",
  "begin",
  "end",
  "depart",
  "depart_speed",
  "params",
  "signals",
  "vehicles",
  "follow",
]);
/** Literal words. */
const ATOMS = new Set(["on", "off", "true", "false", "endless", "random"]);
/** Units after a number. */
const UNIT = /^(km\/h|m\/s|veh\/h|m|km|s|ms|h|deg|rad|cm|%)\b/;

interface State {
  inComment: boolean;
}

/** The scenario language for CodeMirror. */
export const scenarioLanguage = StreamLanguage.define<State>({
  name: "roadgym-scenario",
  startState: () => ({ inComment: false }),
  token(stream: StringStream, state: State): string | null {
    if (state.inComment) {
      if (stream.skipTo("*/")) {
        stream.match("*/");
        state.inComment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inComment = true;
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/i)) {
      stream.eatSpace();
      stream.match(UNIT);
      return "number";
    }
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return "keyword";
      if (ATOMS.has(word)) return "atom";
      return "variableName";
    }
    if (stream.match("->")) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});
