/**
 * What the playground's worker does, without the worker: compiles the user's scenario against the
 * files the page ships (example scenarios, maps, trained policies; fetched on first use, since the
 * compiler reads synchronously and the page loads files asynchronously: a compile that read a file
 * not yet loaded is run again once it is), and builds episodes through the composition root on the
 * browser's platform. Runs under Node too (its tests), with the same code.
 */
import type { Zoo } from "../../../agent-zoo/Zoo.js";
import { assembleEnv } from "../../../compose/assembleEnv.js";
import type { EnvBuilder } from "../../../compose/assemblePolicyEnv.js";
import type { MapCache } from "../../../scenario-dsl/CompileContext.js";
import { compileScenarioWith, type CompileResult } from "../../../scenario-dsl/compileScenarioWith.js";
import type { Diagnostic } from "../../../scenario-dsl/Diagnostic.js";
import { zooPolicyCheck } from "../../../agent-zoo/zooPolicyCheck.js";
import { browserEnvPlatform } from "./browserEnvPlatform.js";
import { MemoryScenarioFiles, normalise } from "./MemoryScenarioFiles.js";
import { MemoryTfjsPolicies, type TfjsPolicyFiles } from "./MemoryTfjsPolicies.js";
import { PlaygroundEpisode, type EpisodeOptions, type LearnerPolicy } from "./PlaygroundEpisode.js";

/** The files the page ships, loaded on demand. */
export interface PlaygroundAssets {
  /** Text files by absolute path (scenarios, maps, route files). */
  readonly texts: ReadonlyMap<string, () => Promise<string>>;
  /** Trained policies by directory path. */
  readonly policies: ReadonlyMap<string, () => Promise<TfjsPolicyFiles>>;
}

/** A diagnostic as the page shows it: `file:line:col`, the range, the message and its notes. */
export interface ShownDiagnostic {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Offsets into the scenario text (UTF-16 units), for underlining. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
  readonly notes: readonly string[];
}

/** The most compiles one request runs while loading the files a scenario names (each round loads what the last one missed). */
const MAX_LOAD_ROUNDS = 8;

/** The playground's compiler and episode factory; see the file comment. */
export class PlaygroundSession {
  readonly files: MemoryScenarioFiles;
  readonly policies = new MemoryTfjsPolicies();
  private readonly mapCache: MapCache = new Map();
  private readonly zooValue: Zoo;

  constructor(private readonly assets: PlaygroundAssets) {
    this.files = new MemoryScenarioFiles((p) => assets.texts.has(p));
    this.zooValue = browserEnvPlatform(this.policies).zoo();
  }

  /** The zoo the playground's agents come from (rule-based entries and the shipped trained policies). */
  get zoo(): Zoo {
    return this.zooValue;
  }

  /** Paths of the example scenarios shipped, sorted. */
  examples(): string[] {
    return [...this.assets.texts.keys()].filter((p) => p.endsWith(".scn")).sort();
  }

  /** Directories of the trained policies shipped, sorted. */
  policyDirs(): string[] {
    return [...this.assets.policies.keys()].sort();
  }

  /** The text of a shipped file. @throws Error naming the path when the page has no such file */
  async text(path: string): Promise<string> {
    const p = normalise(path);
    if (!this.files.has(p)) {
      const load = this.assets.texts.get(p);
      if (!load) throw new Error(`${p}: no such file in the playground`);
      this.files.put(p, await load());
    }
    return this.files.readText(p);
  }

  /**
   * Compiles `text` as the scenario file `file` (absolute), loading the shipped files and policies
   * it names first.
   */
  async compile(text: string, file: string): Promise<CompileResult> {
    let result: CompileResult | undefined;
    for (let round = 0; round < MAX_LOAD_ROUNDS; round++) {
      this.files.missing.clear();
      const missingPolicies = new Set<string>();
      result = compileScenarioWith(this.files, text, file, {
        mapCache: this.mapCache,
        policyCheck: (ref, baseDir) => {
          const loc = ref.locator.startsWith("file:") ? ref.locator.slice("file:".length) : undefined;
          if (loc !== undefined) {
            const dir = this.files.resolve(baseDir, loc).replace(/\/policy\.json$/, "");
            if (this.assets.policies.has(dir) && !this.policies.dirs().includes(dir)) missingPolicies.add(dir);
          }
          return zooPolicyCheck(this.zoo)(ref, baseDir);
        },
      });
      if (this.files.missing.size === 0 && missingPolicies.size === 0) return result;
      await Promise.all([
        ...[...this.files.missing].map(async (p) => this.files.put(p, await this.assets.texts.get(p)!())),
        ...[...missingPolicies].map((d) => this.loadPolicy(d)),
      ]);
    }
    return result!;
  }

  /** Makes the shipped policy of directory `dir` available to the zoo (`file:<dir>`). */
  async loadPolicy(dir: string): Promise<void> {
    const d = normalise(dir);
    if (this.policies.dirs().includes(d)) return;
    const load = this.assets.policies.get(d);
    if (!load) throw new Error(`${d}: no such policy in the playground (it has ${this.policyDirs().join(", ")})`);
    this.policies.put(d, await load());
  }

  /**
   * Compiles and starts an episode of `text`; the diagnostics instead when it does not compile.
   * @throws Error naming the agent whose policy cannot be made, or what the environment cannot be built with
   */
  async start(
    text: string,
    file: string,
    policy: LearnerPolicy,
    options: EpisodeOptions,
  ): Promise<
    { ok: true; episode: PlaygroundEpisode; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }
  > {
    const r = await this.compile(text, file);
    if (!r.ok) return { ok: false, diagnostics: r.diagnostics };
    if (policy.kind === "zoo" && policy.locator.startsWith("file:")) await this.loadPolicy(policy.locator.slice(5));
    const platform = browserEnvPlatform(this.policies);
    const build: EnvBuilder = (loaded, envOptions) => assembleEnv(loaded, envOptions, platform);
    const loaded = { scenario: r.scenario, network: r.network, warnings: r.diagnostics };
    const episode = await PlaygroundEpisode.start(loaded, build, this.zoo, policy, {
      ...options,
      baseDir: this.files.dirname(file),
    });
    return { ok: true, episode, warnings: r.diagnostics };
  }
}

/** A compiler diagnostic for the page. */
export function showDiagnostic(d: Diagnostic): ShownDiagnostic {
  return {
    severity: d.severity,
    file: d.file,
    line: d.location.start.line,
    column: d.location.start.column,
    from: d.location.start.offset,
    to: Math.max(d.location.end.offset, d.location.start.offset),
    message: d.message,
    notes: d.notes ?? [],
  };
}
