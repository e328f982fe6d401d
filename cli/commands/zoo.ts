/**
 * `roadgym zoo list [--json]`: every agent-zoo entry — locator, what it does, its action space, the
 * observation parts it reads, and its parameters with types, bounds, defaults and meaning — plus the
 * `file:` locator of trained tfjs policies.
 */
import type { Command } from "commander";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { describeZoo, type ParamDescription } from "../../agent-zoo/describeZoo.js";

/** Registers `roadgym zoo`. */
export function addZooCommand(program: Command): void {
  const zoo = program
    .command("zoo")
    .description("the agent zoo: social-agent policies by versioned locator (keep-lane@v0, idm-mobil@v2, file:<dir>)");
  zoo
    .command("list")
    .description("list every zoo entry with its parameters, defaults, action space and observation needs")
    .option("--json", "print the list as one JSON array")
    .action((flags: { json?: boolean }) => {
      const entries = describeZoo(createDefaultZoo());
      if (flags.json) {
        process.stdout.write(JSON.stringify(entries) + "\n");
        return;
      }
      const print = (l: string) => process.stdout.write(l + "\n");
      for (const e of entries) {
        print(e.locator);
        print(`  ${e.summary}`);
        print(`  action space: ${e.actionSpace}`);
        print(`  observes: ${e.observes.join(", ") || "nothing"}`);
        if (e.params.length === 0) print("  parameters: none");
        else {
          print("  parameters:");
          for (const p of e.params) print(`    ${formatParam(p)}`);
        }
        print("");
      }
    });
}

function formatParam(p: ParamDescription): string {
  const range = p.range ? ` in [${p.range[0] ?? "−∞"}, ${p.range[1] ?? "∞"}]` : "";
  const def = p.required ? " (required)" : p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : "";
  return `${p.name}: ${p.type}${range}${def} — ${p.description}`;
}
