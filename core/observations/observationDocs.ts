/**
 * The generated tables of `docs/observations.md`: each part's element table and the vector layout
 * of the standard config. The doc embeds each between `<!-- generated:NAME begin -->` and
 * `<!-- generated:NAME end -->`; `observationDocs.test.ts` fails when they differ and rewrites
 * them when run with `ROADGYM_UPDATE_DOCS=1`.
 */
import {
  EGO_FEATURES,
  EVENT_FEATURES,
  JUNCTION_FOE_FEATURES,
  NEIGHBOUR_FEATURES,
  WAYPOINT_FEATURES,
  junctionFeatures,
  signalFeatures,
  type FeatureSpec,
} from "./observationFeatures.js";
import { standardObservation } from "./standardObservation.js";
import { vectorLayoutMarkdown } from "./vectorLayout.js";

/** Generated blocks by name. */
export function observationDocBlocks(): Record<string, string> {
  return {
    ego: featureTable(EGO_FEATURES),
    neighbours: featureTable(NEIGHBOUR_FEATURES),
    waypoint: featureTable(WAYPOINT_FEATURES),
    signals: featureTable(signalFeatures(Number.POSITIVE_INFINITY)).replace("[0, ∞]", "[0, lookaheadM]"),
    junction: featureTable(junctionFeatures(Number.POSITIVE_INFINITY)).replace("[0, ∞]", "[0, lookaheadM]"),
    junctionFoes: featureTable(JUNCTION_FOE_FEATURES),
    events: featureTable(EVENT_FEATURES),
    vector: vectorLayoutMarkdown(standardObservation()),
  };
}

/** A feature table as Markdown: index, name, unit, range, meaning. */
export function featureTable(features: readonly FeatureSpec[]): string {
  const rows = ["| # | name | unit | range | meaning |", "|---|---|---|---|---|"];
  features.forEach((f, i) =>
    rows.push(`| ${i} | \`${f.name}\` | ${f.unit} | [${bound(f.low)}, ${bound(f.high)}] | ${f.doc} |`),
  );
  return rows.join("\n");
}

function bound(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return "∞";
  if (v === Number.NEGATIVE_INFINITY) return "−∞";
  if (v === Math.PI) return "π";
  if (v === -Math.PI) return "−π";
  return String(v).replace("-", "−");
}
