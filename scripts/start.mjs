#!/usr/bin/env node
/**
 * `npm start`: runs `roadgym demo` (arguments after `--` pass through), building first only when the
 * build is missing or older than a source file. The check walks the source folders comparing
 * modification times with dist/.build-stamp (written as the build's last step) — tens of
 * milliseconds, where a rebuild takes over half a minute.
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Folders and files never read by the build. */
const SKIPPED = new Set([
  "node_modules",
  "dist",
  ".git",
  "out",
  "docs",
  "python",
  ".venv",
  "coverage",
  "package-lock.json",
]);
/** Files whose change can change the build's output. */
const BUILD_INPUT = /\.(ts|mts|mjs|js|peggy|html|css|json)$/;

/** Modification time (ms) of `path`, or -1 when it is not there. */
function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** The first build input under `dir` modified after `since` (ms), or undefined. */
function newerInput(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path === join(root, "web", "dist")) continue;
      const found = newerInput(path, since);
      if (found) return found;
    } else if (BUILD_INPUT.test(entry.name) && !entry.name.includes(".test.") && mtime(path) > since) {
      return path;
    }
  }
  return undefined;
}

const stamp = mtime(join(root, "dist", ".build-stamp"));
const outputs = [join(root, "dist", "cli", "main.js"), join(root, "web", "dist", "index.html")];
const missing = stamp < 0 || outputs.some((p) => mtime(p) < 0);
const changed = missing ? undefined : newerInput(root, stamp);
if (missing || changed) {
  const why = missing ? "no complete build yet" : `${changed.slice(root.length + 1)} changed since the last build`;
  process.stdout.write(`npm start: building (${why})\n`);
  const build = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const demo = spawn(process.execPath, [join(root, "dist", "cli", "main.js"), "demo", ...process.argv.slice(2)], {
  stdio: "inherit",
});
// Ctrl-C reaches the demo too (same process group); pass on a plain kill as well.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => demo.kill(signal));
demo.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
