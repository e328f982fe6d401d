/**
 * The viewer server's flags, shared by `roadgym view` and `roadgym demo`, and what they print when
 * the server is up: its address (with the access token when it needs one), where it is bound, and
 * a warning when the bind reaches beyond this machine. docs/viewer.md, "Security model".
 */
import { InvalidArgumentError, Option } from "commander";
import { tokenProblem } from "../web/server/ViewerAccess.js";
import type { ViewerServer, ViewerServerOptions } from "../web/server/ViewerServer.js";
import { parsePositiveNumber } from "./parseOptions.js";

/** The flags {@link addViewerServerOptions} adds. */
export interface ViewerServerFlags {
  host: string;
  token?: string;
  allowOrigin: string[];
  messageRate: number;
}

function parseToken(value: string): string {
  const problem = tokenProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `--host`, `--token`, `--allow-origin` and `--message-rate`, for a command's `.addOption` (one
 * call each, in this order).
 */
export function viewerServerFlagOptions(): [Option, Option, Option, Option] {
  return [
    new Option(
      "--host <address>",
      "interface to bind; beyond loopback (0.0.0.0: every interface) the viewer requires an access token",
    ).default("127.0.0.1"),
    new Option(
      "--token <token>",
      "access token to require (16+ characters A–Z a–z 0–9 _ -; default: none on loopback, a random one beyond)",
    ).argParser(parseToken),
    new Option(
      "--allow-origin <origin>",
      "also accept pages from this origin, e.g. a reverse proxy's https://viewer.example (repeatable)",
    )
      .argParser(collect)
      .default([]),
    new Option("--message-rate <n>", "messages a second each viewer may send (bursts of twice that)")
      .argParser(parsePositiveNumber)
      .default(50),
  ];
}

/** The server options the flags choose. */
export function viewerServerOptions(
  flags: ViewerServerFlags,
): Pick<ViewerServerOptions, "host" | "token" | "allowedOrigins" | "messageRate"> {
  return {
    host: flags.host,
    ...(flags.token !== undefined && { token: flags.token }),
    allowedOrigins: flags.allowOrigin,
    messageRate: { perSecond: flags.messageRate, burst: Math.max(1, Math.ceil(2 * flags.messageRate)) },
  };
}

/** Prints `viewer: <url>`, the other addresses and, for a bind beyond loopback, a warning on stderr. */
export function announceViewer(server: ViewerServer, print: (line: string) => void): void {
  const access = server.access;
  if (access.beyondLoopback)
    process.stderr.write(
      `warning: the viewer listens on ${server.bound}, beyond this machine: anyone who can reach it and has ` +
        `its address with the token can watch and control it; share that address only with whom you trust, ` +
        `or bind 127.0.0.1 and reach it through an SSH tunnel (docs/viewer.md)\n`,
    );
  print(`viewer: ${server.url}`);
  const others = access.urls.slice(1);
  if (access.beyondLoopback || others.length > 0)
    print(`  listening on ${server.bound}${others.length > 0 ? `; also ${others.join(", ")}` : ""}`);
}
