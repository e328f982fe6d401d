/**
 * `roadgym train <config.json>`: trains a driving policy (any algorithm of
 * learning/train/makeLearner.ts, on TensorFlow.js) on a scenario, with a progress bar (return, completion and collision rates),
 * checkpoints, `--resume`, a CSV log, a learning-curve SVG and the policy as an agent-zoo directory
 * (`policy/`, when it has a zoo form) in the run's output folder.
 * The config's fields: learning/train/TrainConfig.ts and docs/learning.md.
 */
import { InputFileError, readInputText } from "../../spec/readInputFile.js";
import { dirname, resolve } from "node:path";
import { Option, type Command } from "commander";
import cliProgress from "cli-progress";
import { BACKEND_CHOICES, selectBackend, type BackendChoice } from "../../learning/backend/selectBackend.js";
import { TrainConfigSchema } from "../../learning/train/TrainConfig.js";
import { runTraining } from "../../learning/train/runTraining.js";
import { UserInputError } from "../UserInputError.js";
import { parsePositiveInt } from "../parseOptions.js";

interface TrainFlags {
  backend: BackendChoice;
  resume?: boolean;
  steps?: number;
  quiet?: boolean;
}

/** Registers `roadgym train`. */
export function addTrainCommand(program: Command): void {
  program
    .command("train")
    .description("train a policy on a scenario (config: scenario, algorithm, hyper-parameters, seed, total steps)")
    .argument("<config.json>", "training config (see docs/learning.md)")
    .addOption(new Option("--backend <name>", "TensorFlow.js backend").choices([...BACKEND_CHOICES]).default("auto"))
    .option("--resume", "continue from the checkpoint in the config's output folder")
    .option("--steps <n>", "override the config's totalSteps", parsePositiveInt)
    .option("--quiet", "no progress bar")
    .action(async (file: string, flags: TrainFlags) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readInputText(file));
      } catch (e) {
        if (e instanceof InputFileError) throw new UserInputError(e.message);
        throw new UserInputError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const parsed = TrainConfigSchema.safeParse(raw);
      if (!parsed.success)
        throw new UserInputError(
          `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
        );
      const train = { ...parsed.data, totalSteps: flags.steps ?? parsed.data.totalSteps };
      const base = dirname(resolve(file));
      const backend = await selectBackend({ choice: flags.backend }).catch((e: Error) => {
        throw new UserInputError(e.message);
      });
      process.stderr.write(`roadgym train: ${train.algorithm} on ${train.scenario}; ${backend.description}\n`);
      const bar = flags.quiet
        ? undefined
        : new cliProgress.SingleBar(
            {
              format:
                "{bar} {value}/{total} env steps | return {ret} | completion {comp} | collision {coll} | {eta_formatted}",
            },
            cliProgress.Presets.shades_classic,
          );
      bar?.start(train.totalSteps, 0, { ret: "-", comp: "-", coll: "-" });
      let last;
      try {
        last = await runTraining(
          train,
          { scenario: resolve(base, train.scenario), outDir: resolve(base, train.outDir) },
          {
            resume: flags.resume,
            onProgress: (p) => {
              const f = (v: number) => (p.episodes ? v.toFixed(2) : "-");
              bar?.update(Math.min(p.envSteps, p.totalSteps), {
                ret: f(p.meanReturn),
                comp: f(p.completionRate),
                coll: f(p.collisionRate),
              });
            },
          },
        );
      } catch (e) {
        if (
          e instanceof Error &&
          (e.name === "ZodError" || /--resume|scenario|does not compile|action space/.test(e.message))
        )
          throw new UserInputError(`${file}: ${e.message}`);
        throw e;
      } finally {
        bar?.stop();
      }
      process.stdout.write(
        `done: ${last.envSteps} env steps, ${last.iteration} iterations; outputs in ${resolve(base, train.outDir)}\n`,
      );
      if (last.policy && "dir" in last.policy)
        process.stdout.write(`zoo policy: ${last.policy.dir} (use it as zoo "file:<path>")\n`);
      else if (last.policy) process.stdout.write(`no zoo policy: ${last.policy.skipped}\n`);
    });
}
