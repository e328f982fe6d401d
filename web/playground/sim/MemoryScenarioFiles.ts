/**
 * The compiler's files in a browser: a folder tree in memory with POSIX paths (`/scenarios/x.scn`,
 * `/maps/smarts/loop/map.net.xml`), holding the example files the page ships and the files a user
 * drops. A file that is not there yet but could be fetched is noted in {@link missing}, so the
 * worker can fetch it and compile again (the compiler reads synchronously; fetching is not).
 */
import { sha256Hex } from "../../../core/hash/sha256Hex.js";
import type { ScenarioFiles } from "../../../scenario-dsl/ScenarioFiles.js";

/** An error with a Node-style `code`, as the compiler's messages expect. */
class FileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Files in memory; see the file comment. */
export class MemoryScenarioFiles implements ScenarioFiles {
  private readonly texts = new Map<string, string>();
  /** Paths read that were not there but {@link fetchable} knows. */
  readonly missing = new Set<string>();

  /** @param fetchable whether a path not in memory can be fetched (and then {@link put}) */
  constructor(private readonly fetchable: (path: string) => boolean = () => false) {}

  /** Adds or replaces the file at `path` (absolute, normalised). */
  put(path: string, text: string): void {
    this.texts.set(normalise(path), text);
    this.missing.delete(normalise(path));
  }

  /** Whether the file is in memory. */
  has(path: string): boolean {
    return this.texts.has(normalise(path));
  }

  readText(path: string): string {
    const p = normalise(path);
    const text = this.texts.get(p);
    if (text !== undefined) return text;
    if (this.fetchable(p)) this.missing.add(p);
    else if ([...this.texts.keys()].some((k) => k.startsWith(`${p}/`)))
      throw new FileError("EISDIR", `${p}: it is a directory`);
    throw new FileError("ENOENT", `${p}: no such file`);
  }

  dirname(path: string): string {
    const p = normalise(path);
    const i = p.lastIndexOf("/");
    return i <= 0 ? "/" : p.slice(0, i);
  }

  resolve(dir: string, path: string): string {
    return path.startsWith("/") ? normalise(path) : normalise(`${dir}/${path}`);
  }

  absolute(path: string): string {
    return normalise(path.startsWith("/") ? path : `/${path}`);
  }

  sha256(text: string): string {
    return sha256Hex(text);
  }
}

/** `path` made absolute with `.`, `..` and repeated slashes resolved (`..` above the root stays at the root). */
export function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}
