/**
 * What the compiler passes share: the AST, the file's whereabouts, the map once loaded, the symbol
 * tables, the scenario being built, and the diagnostics. Each pass reads what earlier passes left
 * and adds its part; none throws for bad input (passes report and carry on, so that all problems of
 * a file are reported at once).
 */
import type { PolicyCheck } from "../spec/PolicyCheck.js";
import type { Location, NameNode, ScenarioNode } from "./ast.js";
import type { CompiledScenario, HistoryTraffic } from "../spec/CompiledScenario.js";
import { error, warning, type Diagnostic } from "./Diagnostic.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { MapGenerator } from "../core/road/generators/MapGenerator.js";
import type { SumoDemand } from "../spec/SumoDemand.js";
import type { TrajectorySet } from "../spec/trajectory/TrajectorySet.js";

/** Parses SUMO route/trip XML (`scenario-dsl/demand`); throws a located FileFormatError. */
export type SumoRoutesParser = (xmlText: string, file: string) => SumoDemand;

/**
 * Built maps kept between compiles, keyed by source and content (see `loadMap`). A value the caller
 * owns and passes in (no module-level cache): tools that compile many scenarios on one map pass one.
 */
export type MapCache = Map<string, RoadNetwork>;

/** The scenario under construction: the compiled scenario without its hash. */
export type ScenarioDraft = Omit<CompiledScenario, "contentHash">;

/** Declared names, with where they were declared. */
export interface Symbols {
  vehicleTypes: Map<string, NameNode | null>;
  drivers: Map<string, NameNode | null>;
  agents: Map<string, NameNode>;
  socials: Map<string, NameNode>;
  /** Trips of the base traffic and of every variation (vehicle ids). */
  trips: Map<string, NameNode>;
  /** Named flows of the base traffic. */
  flows: Map<string, NameNode>;
}

/** State shared by the compiler passes. */
export class CompileContext {
  readonly file: string;
  readonly text: string;
  readonly ast: ScenarioNode;
  /** Reads a file's text (paths already resolved); throws when it cannot. */
  readonly readFile: (path: string) => string;
  /** Resolves a path written in the scenario against the scenario file's directory. */
  readonly resolvePath: (path: string) => string;
  readonly mapGenerators: ReadonlyMap<string, MapGenerator>;
  readonly parseSumoRoutes: SumoRoutesParser;
  readonly mapCache: MapCache | undefined;
  /** Checks zoo references against the zoo that will run them (undefined: only their form is checked). */
  readonly policyCheck: PolicyCheck | undefined;
  /** The shortest step allowed (s). */
  readonly minStepS: number;
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols: Symbols = {
    vehicleTypes: new Map(),
    drivers: new Map(),
    agents: new Map(),
    socials: new Map(),
    trips: new Map(),
    flows: new Map(),
  };
  /** The road network, once `loadMap` succeeded; map-dependent checks are skipped without it. */
  network: RoadNetwork | undefined;
  /** The base traffic's recording (`history`), once read: agents may replace its vehicles. */
  baseRecording: { set: TrajectorySet; history: HistoryTraffic } | undefined;
  /** Planned routes by `from|via…|to` (null: none exists). */
  readonly routeCache = new Map<string, string[] | null>();
  readonly out: ScenarioDraft;

  constructor(init: {
    file: string;
    text: string;
    ast: ScenarioNode;
    readFile: (path: string) => string;
    resolvePath: (path: string) => string;
    mapGenerators: ReadonlyMap<string, MapGenerator>;
    parseSumoRoutes: SumoRoutesParser;
    mapCache?: MapCache;
    policyCheck?: PolicyCheck;
    minStepS: number;
    out: ScenarioDraft;
  }) {
    this.mapCache = init.mapCache;
    this.policyCheck = init.policyCheck;
    this.minStepS = init.minStepS;
    this.file = init.file;
    this.text = init.text;
    this.ast = init.ast;
    this.readFile = init.readFile;
    this.resolvePath = init.resolvePath;
    this.mapGenerators = init.mapGenerators;
    this.parseSumoRoutes = init.parseSumoRoutes;
    this.out = init.out;
  }

  /** Reports an error at `loc`. */
  error(loc: Location, message: string, notes?: string[]): void {
    this.diagnostics.push(error(this.file, loc, message, notes));
  }

  /** Reports a warning at `loc`. */
  warn(loc: Location, message: string): void {
    this.diagnostics.push(warning(this.file, loc, message));
  }

  /** Line of a location, for "first declared at line N" notes. */
  static line(loc: Location): number {
    return loc.start.line;
  }
}

/** A compiler pass: reads the context, adds to `ctx.out` and `ctx.diagnostics`. */
export type Pass = (ctx: CompileContext) => void;
