/**
 * The viewer server (`roadgym view`): serves the built three.js client and streams frames to it
 * over socket.io — from a replay file (each viewer plays it independently: play, pause, step,
 * seek, speed) or from a live simulation (shared: play, pause, step, speed). See docs/viewer.md.
 *
 * Safety: binds 127.0.0.1 unless told otherwise; every client message is validated (zod) and a
 * bad one answered with `commandError`, never a crash; static files come only from the client
 * folder and replays only from the replay folder (no path traversal); client messages are capped
 * at 64 KiB.
 *
 * HTTP routes: `/` and the client's assets; `/api/replays` (JSON list of the folder's replays);
 * `/replays/<name>` (a replay file of the folder, raw).
 */
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, dirname, join, resolve } from "node:path";
import { Server as IoServer, type Socket } from "socket.io";
import { packageRoot } from "../../compose/packageRoot.js";
import { parseClientCommand, type Hello } from "../protocol/viewerProtocol.js";
import { FrameStream } from "./FrameStream.js";
import type { LiveRun } from "./LiveRun.js";
import { ReplayDirectory } from "./ReplayDirectory.js";
import { ReplayPlayback } from "./ReplayPlayback.js";
import { resolveInside, sendError, sendFile } from "./staticFiles.js";

/** What a server shows. */
export type ViewerSource = { kind: "replay"; path: string } | { kind: "live"; run: LiveRun };

/** Options of {@link ViewerServer.start}. */
export interface ViewerServerOptions {
  source: ViewerSource;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Port; 0 picks a free one. @default 8765 */
  port?: number;
  /** Folder of the built client (index.html and assets). @default `<package root>/web/dist` */
  clientDir?: string;
}

/** Where the built client lives in the package. */
export function defaultClientDir(): string {
  return join(packageRoot(), "web", "dist");
}

/** A running viewer server. */
export class ViewerServer {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly http: HttpServer,
    private readonly io: IoServer,
    /** The address to open in a browser. */
    readonly url: string,
    readonly port: number,
  ) {}

  /** Starts listening; rejects with a clear message when the port is taken or the replay unreadable. */
  static async start(options: ViewerServerOptions): Promise<ViewerServer> {
    const host = options.host ?? "127.0.0.1";
    const clientDir = options.clientDir ?? defaultClientDir();
    const source = options.source;
    const replayDir = source.kind === "replay" ? new ReplayDirectory(dirname(resolve(source.path))) : undefined;
    const defaultReplay = source.kind === "replay" ? basename(source.path) : undefined;
    const http = createServer((req, res) => handleHttp(req, res, clientDir, replayDir));
    const io = new IoServer(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
    await new Promise<void>((ok, fail) => {
      const onError = (e: NodeJS.ErrnoException) =>
        fail(
          e.code === "EADDRINUSE"
            ? new Error(`port ${options.port ?? 8765} on ${host} is in use; pick another with --port`)
            : e,
        );
      http.once("error", onError);
      http.listen(options.port ?? 8765, host, () => {
        http.off("error", onError);
        ok();
      });
    });
    const port = (http.address() as AddressInfo).port;
    const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
    const server = new ViewerServer(http, io, `http://${shownHost}:${port}/`, port);
    io.on("connection", (socket) => server.connect(socket, source, replayDir, defaultReplay));
    return server;
  }

  private connect(
    socket: Socket,
    source: ViewerSource,
    replayDir: ReplayDirectory | undefined,
    defaultReplay: string | undefined,
  ): void {
    this.sockets.add(socket);
    const refuse = (message: string) => socket.emit("commandError", { message });
    socket.onAny((event: string) => {
      if (event !== "command") refuse(`unknown event ${JSON.stringify(String(event)).slice(0, 60)}; send "command"`);
    });
    if (source.kind === "replay") {
      const playback = new ReplayPlayback(socket, replayDir!);
      const asked = socket.handshake.query.replay;
      const err = playback.open(typeof asked === "string" ? asked : defaultReplay);
      if (err) {
        refuse(err);
        if (asked !== undefined) {
          const fallback = playback.open(defaultReplay);
          if (fallback) refuse(fallback);
        }
      }
      socket.on("command", (msg: unknown) => {
        try {
          const parsed = parseClientCommand(msg);
          const e = parsed.ok ? playback.handle(parsed.command) : parsed.message;
          if (e) refuse(e);
        } catch (e) {
          refuse(`command failed: ${(e as Error).message}`);
        }
      });
      socket.on("disconnect", () => {
        playback.close();
        this.sockets.delete(socket);
      });
      return;
    }
    const run = source.run;
    const stream = new FrameStream(socket);
    const hello: Hello = { mode: "live", name: run.name, header: run.header, replays: [] };
    socket.emit("hello", hello);
    stream.send(run.frame);
    socket.emit("status", run.status());
    const unsubscribe = run.subscribe({
      frame: (f) => stream.send(f),
      status: (s) => socket.emit("status", s),
      error: refuse,
    });
    socket.on("command", (msg: unknown) => {
      try {
        const parsed = parseClientCommand(msg);
        const e = parsed.ok ? run.handle(parsed.command) : parsed.message;
        if (e) refuse(e);
      } catch (e) {
        refuse(`command failed: ${(e as Error).message}`);
      }
    });
    socket.on("disconnect", () => {
      unsubscribe();
      stream.close();
      this.sockets.delete(socket);
    });
  }

  /** Number of viewers connected. */
  get viewers(): number {
    return this.sockets.size;
  }

  /** Disconnects every viewer and stops listening. */
  async close(): Promise<void> {
    await new Promise<void>((ok) => this.io.close(() => ok()));
    this.http.closeAllConnections();
    await new Promise<void>((ok) => this.http.close(() => ok()));
  }
}

function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  clientDir: string,
  replayDir: ReplayDirectory | undefined,
): void {
  try {
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, 405, "method not allowed");
    const head = req.method === "HEAD";
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/api/replays") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ replays: replayDir?.list() ?? [] }));
      return;
    }
    if (path.startsWith("/replays/")) {
      if (!replayDir) return sendError(res, 404, "this viewer shows a live run; it serves no replays");
      const file = resolveInside(replayDir.dir, path.slice("/replays/".length));
      if (!file || !file.endsWith(".replay")) return sendError(res, 404, "not found");
      return sendFile(res, file, head);
    }
    if (!existsSync(join(clientDir, "index.html")))
      return sendError(
        res,
        503,
        `the viewer's client is not built (no ${join(clientDir, "index.html")}); run \`npm run build:web\``,
      );
    const file = resolveInside(clientDir, path === "/" ? "/index.html" : path);
    if (!file) return sendError(res, 404, "not found");
    sendFile(res, file, head);
  } catch (e) {
    sendError(res, 500, `server error: ${(e as Error).message}`);
  }
}
