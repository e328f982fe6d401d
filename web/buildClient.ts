/**
 * Makes sure the viewer's client is built (web/dist/index.html): runs the Vite build of
 * `npm run build:web` when it is missing, for tests and benchmarks run straight from the sources.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../compose/packageRoot.js";

/** The built client's folder, building it first if needed. */
export async function ensureClientBuilt(): Promise<string> {
  const dir = join(packageRoot(), "web", "dist");
  if (existsSync(join(dir, "index.html"))) return dir;
  const { build } = await import("vite");
  await build({ configFile: join(packageRoot(), "web", "vite.config.ts") });
  if (!existsSync(join(dir, "index.html")))
    throw new Error(`the viewer build did not produce ${join(dir, "index.html")}`);
  return dir;
}
