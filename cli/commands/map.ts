/** `roadgym map stats|svg <file>`: figures and a drawing of a road network (.net.xml, .xodr or a scenario's map). */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { mapStats } from "../../core/road/mapStats.js";
import { mapToSvg } from "../../core/road/mapToSvg.js";
import { UserInputError } from "../UserInputError.js";
import { loadMapFile } from "../loadMapFile.js";
import { parsePositiveNumber } from "../parseOptions.js";

export function addMapCommand(program: Command): void {
  const map = program.command("map").description("inspect road networks");
  map
    .command("stats")
    .description('print {"edges","lanes","internalLanes","junctions","laneLengthM","tls"} counted as SUMO does')
    .argument("<file>", "SUMO network (.net.xml), OpenDRIVE network (.xodr) or scenario (.scn)")
    .action((file: string) => {
      process.stdout.write(JSON.stringify(mapStats(loadMapFile(file).spec)) + "\n");
    });
  map
    .command("svg")
    .description("draw lanes, lane markings, junctions and signals as SVG")
    .argument("<file>", "SUMO network (.net.xml), OpenDRIVE network (.xodr) or scenario (.scn)")
    .requiredOption("-o, --output <out.svg>", "output SVG file")
    .option("--scale <px-per-m>", "pixels per metre", parsePositiveNumber, 2)
    .action((file: string, opts: { output: string; scale: number }) => {
      const network = loadMapFile(file);
      let svg: string;
      try {
        svg = mapToSvg(network, { scale: opts.scale });
      } catch (e) {
        if (e instanceof RangeError) throw new UserInputError(`${file}: error: ${e.message}`);
        throw e;
      }
      writeFileSync(opts.output, svg);
      process.stderr.write(`wrote ${opts.output}\n`);
    });
}
