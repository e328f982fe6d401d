/** The roadgym package's root folder (where package.json is), from source or from dist/. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** Absolute path of the folder holding roadgym's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "roadgym") return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("roadgym: cannot find the package root above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}
