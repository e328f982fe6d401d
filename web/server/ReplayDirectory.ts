/**
 * The folder a replay viewer serves replays from: the one holding the replay it was started on.
 * Clients name replays by plain file name; a name with a path, `..`, or a link out of the folder
 * is refused with a message, never opened.
 */
import { readdirSync, statSync } from "node:fs";
import { ReplayNameSchema } from "../protocol/viewerProtocol.js";
import { resolveInside } from "./staticFiles.js";

/** Replay files of one folder, by name. */
export class ReplayDirectory {
  constructor(readonly dir: string) {}

  /** Names of the replay files (`*.replay`) in the folder, sorted. */
  list(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((n) => n.endsWith(".replay"))
        .filter((n) => {
          try {
            return statSync(`${this.dir}/${n}`).isFile();
          } catch {
            return false;
          }
        })
        .sort();
    } catch {
      return [];
    }
  }

  /** The real path of replay `name`, or an error message for the client. */
  resolve(name: unknown): { path: string } | { error: string } {
    const parsed = ReplayNameSchema.safeParse(name);
    if (!parsed.success)
      return { error: `replay name ${JSON.stringify(String(name)).slice(0, 80)}: ${parsed.error.issues[0].message}` };
    const path = resolveInside(this.dir, encodeURIComponent(parsed.data));
    if (!path) return { error: `no replay "${parsed.data}" in the viewer's replay directory` };
    return { path };
  }
}
