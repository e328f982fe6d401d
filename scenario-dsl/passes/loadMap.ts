/**
 * Pass 3: the map. `map sumo "file"` reads and imports a SUMO network, `map opendrive "file"` an
 * OpenDRIVE one (relative paths against the scenario's directory); `map <generator> { ... }` checks and converts the parameters against the
 * generator's parameter table and runs it. Either way the result is built into a RoadNetwork for the
 * later passes. A map that fails to load is reported at the map statement, with the map file's own
 * `file:line:col` error as a note; later passes then skip their map checks.
 */
import { createHash } from "node:crypto";
import { InputFileError } from "../../spec/readInputFile.js";
import type { GeneratorMapNode, OpenDriveMapNode, ParamEntryNode, StringNode, SumoMapNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { FileFormatError } from "../../spec/FileFormatError.js";
import type { GeneratorParams, MapGenerator } from "../../core/road/generators/MapGenerator.js";
import { resolveGeneratorParams } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import type { RoadNetworkSpec } from "../../core/road/RoadNetworkSpec.js";
import { importOpenDrive } from "../../core/road/opendrive/loadOpenDrive.js";
import { parseSumoNet } from "../../core/road/sumo/parseSumoNet.js";
import { canonicalJson } from "../contentHash.js";
import { didYouMean } from "../suggest.js";
import { scenarioProps } from "./props.js";
import { readQuantity } from "./values.js";

export function loadMap(ctx: CompileContext): void {
  const prop = scenarioProps(ctx).get("map");
  if (!prop) return;
  const node = prop.value;
  const loaded =
    node.type === "sumoMap" || node.type === "openDriveMap"
      ? loadFile(ctx, node)
      : node.type === "generatorMap"
        ? generate(ctx, node)
        : undefined;
  if (!loaded) return;
  const cached = ctx.mapCache?.get(loaded.key);
  if (cached) {
    ctx.network = cached;
    return;
  }
  try {
    const spec = loaded.spec();
    if (!spec) return;
    ctx.network = buildRoadNetwork(spec);
    ctx.mapCache?.set(loaded.key, ctx.network);
  } catch (e) {
    ctx.error(prop.loc, `the map is inconsistent: ${(e as Error).message}`);
  }
}

/** A map ready to build: its cache key (source and content) and how to make its spec (reports and returns undefined on failure). */
interface LoadedMap {
  key: string;
  spec: () => RoadNetworkSpec | undefined;
}

/** sha256 (hex) of a text. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Reads a file named in the scenario; reports at `node` and returns undefined when it cannot. */
export function readScenarioFile(
  ctx: CompileContext,
  node: StringNode,
  what: string,
): { path: string; text: string } | undefined {
  const path = ctx.resolvePath(node.value);
  try {
    return { path, text: ctx.readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      e instanceof InputFileError
        ? e.reason
        : code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "it is a directory"
            : (e as Error).message;
    const shown = path === node.value ? "" : ` (${path})`;
    ctx.error(node.loc, `cannot read ${what} "${node.value}"${shown}: ${why}`);
    return undefined;
  }
}

function loadFile(ctx: CompileContext, node: SumoMapNode | OpenDriveMapNode): LoadedMap | undefined {
  if (node.path.value.trim() === "") {
    ctx.error(node.path.loc, "the map path is empty");
    return undefined;
  }
  const file = readScenarioFile(ctx, node.path, "map file");
  if (!file) return undefined;
  const hash = sha256(file.text);
  const kind = node.type === "sumoMap" ? "sumo" : "opendrive";
  ctx.out.map = { kind, path: node.path.value, sha256: hash };
  const spec = () => {
    try {
      return kind === "sumo" ? parseSumoNet(file.text, file.path) : importOpenDrive(file.text, file.path);
    } catch (e) {
      if (e instanceof FileFormatError) ctx.error(node.loc, `cannot load map "${node.path.value}"`, [e.format()]);
      else ctx.error(node.loc, `cannot load map "${node.path.value}": ${(e as Error).message}`);
      return undefined;
    }
  };
  return { key: `${kind}\u0000${file.path}\u0000${hash}`, spec };
}

function generate(ctx: CompileContext, node: GeneratorMapNode): LoadedMap | undefined {
  const name = node.generator.name;
  const gen = ctx.mapGenerators.get(name);
  if (!gen) {
    const known = [...ctx.mapGenerators.keys()];
    ctx.error(
      node.generator.loc,
      `unknown map generator "${name}"${didYouMean(name, known)} (generators: ${known.join(", ")}; or \`map sumo "file.net.xml"\`, \`map opendrive "file.xodr"\`)`,
    );
    return undefined;
  }
  const given: Record<string, number | boolean> = {};
  const seen = new Map<string, ParamEntryNode>();
  let ok = true;
  for (const entry of node.params.entries) {
    if (entry.type !== "param") continue;
    const pname = entry.name.name;
    const first = seen.get(pname);
    if (first) {
      ctx.error(entry.loc, `${pname} given twice (first at line ${first.loc.start.line})`);
      ok = false;
      continue;
    }
    seen.set(pname, entry);
    const value = paramValue(ctx, gen, entry);
    if (value === undefined) ok = false;
    else given[pname] = value;
  }
  if (!ok) return undefined;
  const resolved = resolveGeneratorParams(gen, given);
  if ("errors" in resolved) {
    for (const message of resolved.errors) {
      // Messages start with the parameter's name: report at that parameter when it was written.
      const pname = /^([a-z_0-9]+):/.exec(message)?.[1];
      const at = (pname && seen.get(pname)) || node;
      ctx.error(at.loc, `map ${name}: ${message}`);
    }
    return undefined;
  }
  const params: GeneratorParams = { ...resolved.params };
  ctx.out.map = { kind: "generator", generator: name, params };
  const spec = () => {
    try {
      return gen.generate(params);
    } catch (e) {
      ctx.error(node.loc, `map generator "${name}" failed: ${(e as Error).message}`);
      return undefined;
    }
  };
  return { key: `generator\u0000${name}\u0000${canonicalJson(params)}`, spec };
}

/** A parameter's value in SI, checked against the generator's table (name, unit, range). */
function paramValue(ctx: CompileContext, gen: MapGenerator, entry: ParamEntryNode): number | boolean | undefined {
  const pname = entry.name.name;
  const param = gen.params.find((p) => p.name === pname);
  if (!param) {
    const names = gen.params.map((p) => p.name);
    ctx.error(
      entry.name.loc,
      `unknown parameter "${pname}" of map generator "${gen.name}"${didYouMean(pname, names)} (parameters: ${names.join(", ")})`,
    );
    return undefined;
  }
  const v = entry.value;
  if (param.unit === "bool") {
    if (v.type === "bool") return v.value;
    ctx.error(v.loc, `${pname} takes on or off`);
    return undefined;
  }
  if (v.type !== "quantity") {
    ctx.error(
      v.loc,
      `${pname} takes a number${param.unit === "count" || param.unit === "number" ? "" : " with a unit"}`,
    );
    return undefined;
  }
  const kind = param.unit === "count" || (param.unit === "number" && param.integer) ? "count" : param.unit;
  return readQuantity(ctx, v, kind, pname, { min: param.min, max: param.max, integer: param.integer });
}
