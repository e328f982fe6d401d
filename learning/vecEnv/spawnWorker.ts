/**
 * Starts a worker thread from a module next to the caller. In the built package the module is
 * JavaScript and starts as is. When roadgym runs from its TypeScript sources (vitest, `vite-node`),
 * the worker gets a small module loader (Node's `module.register` hooks) that maps `./x.js` imports
 * to `./x.ts` and strips types with esbuild, the transpiler vite and vitest already bring.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** Loader hooks for TypeScript sources; `ESBUILD_URL` is replaced by the esbuild module's URL. */
const HOOKS = `
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
let esbuild;
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.startsWith("file:") && (specifier.startsWith(".") || specifier.startsWith("file:")) && specifier.endsWith(".js")) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const ts = new URL(url.href.slice(0, -3) + ".ts");
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith("file:") && url.endsWith(".ts")) {
    if (!esbuild) { const m = await import(ESBUILD_URL); esbuild = m.transformSync ? m : m.default; }
    const file = fileURLToPath(url);
    const out = esbuild.transformSync(readFileSync(file, "utf8"), { loader: "ts", format: "esm", target: "node20", sourcemap: "inline", sourcefile: file });
    return { format: "module", source: out.code, shortCircuit: true };
  }
  return next(url, context);
}
`;

/** Starts the worker module `name` (without extension) that sits beside `callerUrl`. */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const js = new URL(`./${name}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL(`./${name}.ts`, callerUrl);
  if (!existsSync(fileURLToPath(ts)))
    throw new Error(`worker module ${name}.js (or .ts) not found beside ${fileURLToPath(callerUrl)}`);
  const esbuildUrl = pathToFileURL(createRequire(callerUrl).resolve("esbuild")).href;
  const hooks = "data:text/javascript," + encodeURIComponent(HOOKS.replace("ESBUILD_URL", JSON.stringify(esbuildUrl)));
  const register = `import { register } from "node:module"; register(${JSON.stringify(hooks)});`;
  return new Worker(ts, { workerData, execArgv: ["--import", "data:text/javascript," + encodeURIComponent(register)] });
}
