/**
 * Makes sure the browser pages are built (web/dist/index.html, the viewer, and playground.html): runs the Vite build of
 * `npm run build:web` when it is missing, for tests and benchmarks run straight from the sources.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../compose/packageRoot.js";

/** The built client's folder, building it first if needed. */
export async function ensureClientBuilt(): Promise<string> {
  const dir = join(packageRoot(), "web", "dist");
  const pages = ["index.html", "playground.html"].map((p) => join(dir, p));
  if (pages.every((p) => existsSync(p))) return dir;
  const { build } = await import("vite");
  await build({ configFile: join(packageRoot(), "web", "vite.config.ts") });
  const missing = pages.find((p) => !existsSync(p));
  if (missing) throw new Error(`the web build did not produce ${missing}`);
  return dir;
}
