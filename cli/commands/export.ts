/**
 * `roadgym export <checkpoint.json> <dir>`: writes the policy of a `roadgym train` checkpoint as an
 * agent-zoo tfjs policy directory, which scenarios (`zoo "file:<dir>"`), bubbles and benchmark
 * suites then name by `file:` locator. `roadgym train` already writes `<outDir>/policy` with every
 * checkpoint; this command exports another agent slot's behaviour or an older checkpoint.
 */
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { BACKEND_CHOICES, selectBackend, type BackendChoice } from "../../learning/backend/selectBackend.js";
import { exportZooPolicy } from "../../learning/export/exportZooPolicy.js";
import { PolicyInterfaceSchema, shapeOnlyEnv } from "../../learning/export/PolicyInterface.js";
import { makeLearner } from "../../learning/train/makeLearner.js";
import { readTrainCheckpoint } from "../readTrainCheckpoint.js";
import { UserInputError } from "../UserInputError.js";
import { parseNonNegativeInt } from "../parseOptions.js";

interface ExportFlags {
  backend: BackendChoice;
  agentSlot: number;
  name?: string;
}

/** Registers `roadgym export`. */
export function addExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "write a trained policy (a roadgym train checkpoint) as an agent-zoo tfjs policy directory (file:<dir>)",
    )
    .argument("<checkpoint.json>", "checkpoint written by roadgym train")
    .argument("<dir>", "output directory (policy.json, model.json, weights.bin)")
    .addOption(new Option("--backend <name>", "TensorFlow.js backend").choices([...BACKEND_CHOICES]).default("cpu"))
    .option(
      "--agent-slot <n>",
      "IPPO/MAPPO with agent ids: the agent slot whose behaviour to export",
      parseNonNegativeInt,
      0,
    )
    .option("--name <name>", "policy name in policy.json (default: algorithm and scenario)")
    .action(async (cpFile: string, dir: string, flags: ExportFlags) => {
      const file = readTrainCheckpoint(cpFile);
      const iface = PolicyInterfaceSchema.safeParse(file.interface);
      if (!iface.success)
        throw new UserInputError(
          `${cpFile}: no policy interface (field "interface"; checkpoints of older roadgym versions lack it: train again)`,
        );
      await selectBackend({ choice: flags.backend }).catch((e: Error) => {
        throw new UserInputError(e.message);
      });
      const env = shapeOnlyEnv(iface.data);
      const learner = makeLearner(file.train.algorithm, env, file.train.hyper, file.train.seed);
      try {
        await learner.restore(file.learner);
        const name =
          flags.name ??
          `${file.train.algorithm}-${file.train.scenario
            .split(/[\\/]/)
            .pop()!
            .replace(/\.scn$/, "")}`;
        await exportZooPolicy(learner, iface.data, resolve(dir), {
          name,
          agentSlot: flags.agentSlot,
          training: { scenario: file.train.scenario, seed: file.train.seed, checkpoint: cpFile },
        }).catch((e: Error) => {
          throw new UserInputError(`${cpFile}: ${e.message}`);
        });
        process.stdout.write(
          `wrote ${name} (${file.train.algorithm}, ${learner.envSteps} env steps) to ${resolve(dir)}; a scenario names it as zoo "file:<this directory, relative to the scenario>"\n`,
        );
      } finally {
        learner.dispose();
      }
    });
}
