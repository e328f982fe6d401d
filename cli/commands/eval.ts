/**
 * `roadgym eval <checkpoint.json> <scenario.scn>`: runs a trained policy greedily on a scenario for
 * a number of episodes with unseen seeds and prints the return, completion, collision and off-road
 * rates (per agent episode); `--record <file.replay>` also records one greedy episode (the first
 * evaluation seed's) to watch with `roadgym view`.
 */
import { Option, type Command } from "commander";
import { BACKEND_CHOICES, selectBackend, type BackendChoice } from "../../learning/backend/selectBackend.js";
import { evaluate } from "../../learning/testing/evaluate.js";
import { makeLearner } from "../../learning/train/makeLearner.js";
import { envSpecOf, makeVecEnv } from "../../learning/train/runTraining.js";
import { recordEpisode } from "../../learning/testing/recordEpisode.js";
import { compileScenarioArgument } from "../compileScenarioArgument.js";
import { readTrainCheckpoint } from "../readTrainCheckpoint.js";
import { UserInputError } from "../UserInputError.js";
import { parseNonNegativeInt, parsePositiveInt } from "../parseOptions.js";

interface EvalFlags {
  backend: BackendChoice;
  episodes: number;
  seed: number;
  json?: boolean;
  record?: string;
}

/** Registers `roadgym eval`. */
export function addEvalCommand(program: Command): void {
  program
    .command("eval")
    .description("evaluate a trained policy (a roadgym train checkpoint) on a scenario")
    .argument("<checkpoint.json>", "checkpoint written by roadgym train")
    .argument("<scenario.scn>", "scenario to drive, or a named environment (roadgym envs)")
    .addOption(new Option("--backend <name>", "TensorFlow.js backend").choices([...BACKEND_CHOICES]).default("auto"))
    .option("--episodes <n>", "agent episodes to run", parsePositiveInt, 100)
    .option(
      "--seed <n>",
      "seed of the evaluation episodes (pick one not used in training)",
      parseNonNegativeInt,
      100_000,
    )
    .option("--json", "print the summary as JSON")
    .option("--record <file.replay>", "also record one greedy episode as a replay (watch it with `roadgym view`)")
    .action(async (cpFile: string, scenarioArg: string, flags: EvalFlags) => {
      const file = readTrainCheckpoint(cpFile);
      const scenario = compileScenarioArgument(scenarioArg).file;
      const backend = await selectBackend({ choice: flags.backend }).catch((e: Error) => {
        throw new UserInputError(e.message);
      });
      process.stderr.write(`roadgym eval: ${backend.description}\n`);
      let env;
      try {
        env = makeVecEnv({ ...file.train, numEnvs: Math.min(file.train.numEnvs, 4), numWorkers: 0 }, scenario);
      } catch (e) {
        throw new UserInputError(`${scenario}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const learner = makeLearner(file.train.algorithm, env, file.train.hyper, file.train.seed);
      try {
        await learner.restore(file.learner);
        const s = await evaluate(learner, env, flags.seed, flags.episodes);
        const summary = {
          algorithm: file.train.algorithm,
          scenario,
          episodes: s.episodes,
          meanReturn: s.meanReturn,
          completionRate: s.completionRate,
          collisionRate: s.collisionRate,
          offRoadRate: s.offRoadRate,
          meanLength: s.meanLength,
        };
        const recorded =
          flags.record === undefined
            ? undefined
            : {
                path: flags.record,
                ...(await recordEpisode(
                  learner,
                  envSpecOf(file.train, scenario),
                  file.train.frameStack,
                  flags.seed,
                  flags.record,
                )),
              };
        if (flags.json) process.stdout.write(JSON.stringify({ ...summary, ...(recorded && { recorded }) }) + "\n");
        else
          process.stdout.write(
            `${summary.algorithm} on ${scenario}: ${s.episodes} episodes; collision ${s.collisionRate.toFixed(2)} / completion ${s.completionRate.toFixed(2)}; off-road ${s.offRoadRate.toFixed(2)}; mean return ${s.meanReturn.toFixed(2)}; mean length ${s.meanLength.toFixed(0)} steps\n` +
              (recorded
                ? `recorded one episode (${recorded.steps} steps, ${recorded.agentEpisodes} agent episodes) to ${recorded.path}; watch it: roadgym view ${recorded.path}\n`
                : ""),
          );
      } finally {
        learner.dispose();
        await env.close();
      }
    });
}
