/**
 * `roadgym view <file.replay | file.scn>`: the 3D viewer in the browser. A replay is served from
 * its folder (every viewer plays it on its own: play, pause, step, seek, speed); a scenario runs
 * live, as `roadgym run` runs it, stepped by the viewers (play, pause, step, speed). Prints the
 * address and serves until interrupted (Ctrl-C). Binds 127.0.0.1 unless `--host` says otherwise.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { statSync } from "node:fs";
import { openReplayFile } from "../../replay/FileByteSource.js";
import { ReplayFormatError } from "../../replay/ReplayFormatError.js";
import { isScenarioName } from "../../compose/namedScenarios.js";
import { compileScenarioArgument } from "../compileScenarioArgument.js";
import { LiveRun } from "../../web/server/LiveRun.js";
import { ViewerServer, type ViewerSource } from "../../web/server/ViewerServer.js";
import type { TrafficChoice } from "../../compose/buildProviders.js";
import { parseNonNegativeInt } from "../parseOptions.js";
import { UserInputError } from "../UserInputError.js";
import { addPolicyOptions, policyChoice, type PolicyFlags } from "../policyOption.js";
import {
  announceViewer,
  viewerServerFlagOptions,
  viewerServerOptions,
  type ViewerServerFlags,
} from "../viewerOptions.js";

interface ViewFlags extends ViewerServerFlags, PolicyFlags {
  port: number;
  seed?: number;
  traffic: TrafficChoice;
  play?: boolean;
}

/** Parses a TCP port (0 = any free port). */
function parsePort(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n > 65535) throw new InvalidArgumentError(`expected a port number 0–65535, got "${value}"`);
  return n;
}

/**
 * Serves until SIGINT/SIGTERM, then closes the server (and the live run). The handlers are in place
 * when the call returns its promise, so a caller can announce "Ctrl-C to stop" after calling it.
 */
export async function serveUntilInterrupted(server: ViewerServer, onClose?: () => Promise<void>): Promise<void> {
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server
        .close()
        .then(() => onClose?.())
        .finally(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** What `target` names, checked: a readable replay, or a scenario compiled and started live. */
async function sourceFor(target: string, flags: ViewFlags): Promise<ViewerSource> {
  if (target.endsWith(".scn") || isScenarioName(target)) {
    const compiled = compileScenarioArgument(target);
    try {
      return {
        kind: "live",
        run: await LiveRun.start(target, compiled, {
          seed: flags.seed,
          traffic: flags.traffic,
          autoplay: flags.play,
          policy: policyChoice(flags),
        }),
      };
    } catch (e) {
      if (e instanceof Error && /variation|seed|provider|SUMO|sumo/.test(e.message))
        throw new UserInputError(`${target}: ${e.message}`);
      throw e;
    }
  }
  if (!statSync(target).isFile())
    throw new UserInputError(`${target}: expected a replay file (.replay) or a scenario (.scn)`);
  try {
    const { reader, close } = openReplayFile(target);
    const frames = reader.frameCount;
    close();
    if (frames === 0) throw new UserInputError(`${target}: the replay has no frames`);
  } catch (e) {
    if (e instanceof ReplayFormatError) throw new UserInputError(e.message);
    throw e;
  }
  return { kind: "replay", path: target };
}

export function addViewCommand(program: Command): void {
  const [host, token, allowOrigin, messageRate] = viewerServerFlagOptions();
  const command = program
    .command("view")
    .description("watch a replay, or a scenario running live, in the 3D viewer in your browser")
    .argument("<file>", "a replay (.replay, from `roadgym run --record`) or a scenario (.scn, run live)")
    .option("--port <n>", "port to listen on (0: any free port)", parsePort, 8765)
    .addOption(host)
    .addOption(token)
    .addOption(allowOrigin)
    .addOption(messageRate)
    .option("--seed <n>", "live runs: episode seed (default: the scenario's)", parseNonNegativeInt)
    .addOption(
      new Option("--traffic <provider>", "live runs: traffic provider")
        .choices(["auto", "local", "sumo", "none"])
        .default("auto"),
    )
    .option("--play", "live runs: start playing at once instead of paused");
  addPolicyOptions(command).action(async (file: string, flags: ViewFlags) => {
    const source = await sourceFor(file, flags);
    let server: ViewerServer;
    try {
      server = await ViewerServer.start({ source, port: flags.port, ...viewerServerOptions(flags) });
    } catch (e) {
      if (source.kind === "live") await source.run.close();
      throw new UserInputError(`cannot start the viewer: ${(e as Error).message}`);
    }
    announceViewer(server, (line) => process.stdout.write(`${line}\n`));
    const shown = source.kind === "replay" ? file : `${file} live (${flags.play ? "playing" : "paused; press play"})`;
    // Ctrl-C is handled before the line saying so is printed: a reader may interrupt at once.
    const served = serveUntilInterrupted(server, source.kind === "live" ? () => source.run.close() : undefined);
    process.stdout.write(`  showing ${shown}; Ctrl-C to stop\n`);
    await served;
  });
}
