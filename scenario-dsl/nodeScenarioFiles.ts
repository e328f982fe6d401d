/** The compiler's files on Node: UTF-8 files on disk (regular files, at most 512 MiB: `readInputText`), Node's path rules, Node's native SHA-256. */
import { createHash } from "node:crypto";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { readInputText } from "../spec/readInputFile.js";
import type { ScenarioFiles } from "./ScenarioFiles.js";

/** Files from the disk; `readText` overrides how a file is read (tests serve text from memory). */
export function nodeScenarioFiles(readText: (path: string) => string = (p) => readInputText(p)): ScenarioFiles {
  return {
    readText,
    dirname,
    resolve: (dir, path) => (isAbsolute(path) ? path : join(dir, path)),
    absolute: (path) => resolve(path),
    sha256: (text) => createHash("sha256").update(text).digest("hex"),
  };
}
