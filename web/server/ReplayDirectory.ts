/**
 * The folder a replay viewer serves replays from: the one holding the replay it was started on.
 * Clients name replays by plain file name, and only the names {@link ReplayDirectory.list} shows
 * can be opened: any other name — a path, `..`, a link out of the folder, a file that is not a
 * replay, a file that does not exist — gets the same answer, so a client learns nothing about the
 * folder beyond its replays.
 */
import { readdirSync } from "node:fs";
import { ReplayNameSchema } from "../protocol/viewerProtocol.js";
import { resolveInside } from "./staticFiles.js";

/** Replay files of one folder, by name. */
export class ReplayDirectory {
  constructor(readonly dir: string) {}

  /** Names of the replay files (`*.replay`, regular files inside the folder once links are followed), sorted. */
  list(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((n) => n.endsWith(".replay") && resolveInside(this.dir, encodeURIComponent(n)) !== undefined)
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
    const path = parsed.data.endsWith(".replay") ? resolveInside(this.dir, encodeURIComponent(parsed.data)) : undefined;
    if (!path) return { error: `no replay "${parsed.data}" among this viewer's replays` };
    return { path };
  }
}
