/**
 * The viewer server (`roadgym view`): serves the built three.js client and streams frames to it
 * over socket.io — from a replay file (each viewer plays it independently: play, pause, step,
 * seek, speed) or from a live simulation (shared: play, pause, step, speed). See docs/viewer.md.
 *
 * Safety (docs/viewer.md, "Security model"): binds 127.0.0.1 unless told otherwise; HTTP requests
 * and socket handshakes must name the server in `Host` and, when they carry an `Origin`, come from
 * the server's own origin ({@link ViewerAccess}); bound beyond loopback, the replay routes and the
 * socket require an access token; each client's messages are rate-limited ({@link MessageRateLimit});
 * every client message is validated (zod) and a bad one answered with `commandError`, never a
 * crash; static files come only from the client folder and replays only from the replay folder (no
 * path traversal); client messages are capped at 64 KiB; messages to clients carry no absolute
 * server paths.
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
import { DEFAULT_MESSAGE_RATE, MessageRateLimit, type MessageRateOptions } from "./MessageRateLimit.js";
import { ReplayDirectory } from "./ReplayDirectory.js";
import { ReplayPlayback } from "./ReplayPlayback.js";
import { resolveInside, sendError, sendFile } from "./staticFiles.js";
import { ViewerAccess } from "./ViewerAccess.js";
import { withoutServerPaths } from "./withoutServerPaths.js";

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
  /** Access token to require (see {@link ViewerAccess}). @default none on loopback, a random one beyond */
  token?: string;
  /** Further origins whose pages may use the viewer (a reverse proxy's). @default [] */
  allowedOrigins?: readonly string[];
  /** Per-client message limit. @default {@link DEFAULT_MESSAGE_RATE} */
  messageRate?: MessageRateOptions;
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
    /** Who may connect, and the addresses to open. */
    readonly access: ViewerAccess,
    /** The address and port bound (`0.0.0.0:8765`: every interface). */
    readonly bound: string,
    readonly port: number,
  ) {}

  /** The address to open in a browser (with the access token when one is required). */
  get url(): string {
    return this.access.urls[0];
  }

  /** Starts listening; rejects with a clear message when the port is taken or the replay unreadable. */
  static async start(options: ViewerServerOptions): Promise<ViewerServer> {
    const host = options.host ?? "127.0.0.1";
    const clientDir = options.clientDir ?? defaultClientDir();
    const source = options.source;
    const replayDir = source.kind === "replay" ? new ReplayDirectory(dirname(resolve(source.path))) : undefined;
    const defaultReplay = source.kind === "replay" ? basename(source.path) : undefined;
    const messageRate = options.messageRate ?? DEFAULT_MESSAGE_RATE;
    new MessageRateLimit(messageRate); // checks the settings before anything listens
    // The access rules need the real port, known only once listening: until then, refuse everything.
    let access: ViewerAccess | undefined;
    const http = createServer((req, res) =>
      access ? handleHttp(req, res, access, clientDir, replayDir) : sendError(res, 503, "starting"),
    );
    const io = new IoServer(http, {
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      allowRequest: (req, callback) => {
        const why = access ? access.refusal(req.headers) : "starting";
        callback(why ?? null, why === undefined);
      },
    });
    await new Promise<void>((ok, fail) => {
      const onError = (e: NodeJS.ErrnoException) =>
        fail(
          e.code === "EADDRINUSE"
            ? new Error(`port ${options.port ?? 8765} on ${host} is in use; pick another with --port`)
            : e.code === "EADDRNOTAVAIL"
              ? new Error(`${host} is not an address of this machine; pick another with --host`)
              : e,
        );
      http.once("error", onError);
      http.listen(options.port ?? 8765, host, () => {
        http.off("error", onError);
        ok();
      });
    });
    const address = http.address() as AddressInfo;
    try {
      access = new ViewerAccess({
        host,
        port: address.port,
        token: options.token,
        allowedOrigins: options.allowedOrigins,
      });
    } catch (e) {
      io.close();
      throw e;
    }
    const server = new ViewerServer(
      http,
      io,
      access,
      `${host.includes(":") ? `[${host}]` : host}:${address.port}`,
      address.port,
    );
    const granted = access;
    io.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = auth && typeof auth === "object" && "token" in auth ? auth.token : socket.handshake.query.token;
      next(
        granted.tokenAccepted(token)
          ? undefined
          : new Error("this viewer needs its access token (the ?token= of its address)"),
      );
    });
    io.on("connection", (socket) => server.connect(socket, source, replayDir, defaultReplay, messageRate));
    return server;
  }

  private connect(
    socket: Socket,
    source: ViewerSource,
    replayDir: ReplayDirectory | undefined,
    defaultReplay: string | undefined,
    messageRate: MessageRateOptions,
  ): void {
    this.sockets.add(socket);
    const refuse = (message: string) => socket.emit("commandError", { message: withoutServerPaths(message) });
    const limit = new MessageRateLimit(messageRate);
    // Every incoming event passes here first; only `command` goes on to the handlers below.
    socket.use((packet, next) => {
      const verdict = limit.take();
      if (verdict === "accept") {
        const event: unknown = packet[0];
        if (event === "command") return next();
        return refuse(`unknown event ${JSON.stringify(String(event)).slice(0, 60)}; send "command"`);
      }
      if (verdict === "drop-and-warn")
        refuse(`too many messages: at most ${messageRate.perSecond} a second (${messageRate.burst} at once); dropped`);
      else if (verdict === "disconnect") {
        refuse(`disconnected: more than ${messageRate.burst} messages over the limit within a second`);
        socket.disconnect(true);
      }
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
  access: ViewerAccess,
  clientDir: string,
  replayDir: ReplayDirectory | undefined,
): void {
  try {
    const refused = access.refusal(req.headers);
    if (refused) return sendError(res, 403, `forbidden: ${refused}`);
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, 405, "method not allowed");
    const head = req.method === "HEAD";
    const url = new URL(req.url ?? "/", "http://viewer.invalid");
    const path = (req.url ?? "/").split("?")[0];
    const dataRoute = path === "/api/replays" || path.startsWith("/replays/");
    if (dataRoute && !access.tokenAccepted(ViewerAccess.requestToken(url, req.headers)))
      return sendError(res, 401, "this viewer needs its access token (the ?token= of its address)");
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
      return sendError(res, 503, "the viewer's client is not built; run `npm run build:web`");
    const file = resolveInside(clientDir, path === "/" ? "/index.html" : path);
    if (!file) return sendError(res, 404, "not found");
    sendFile(res, file, head);
  } catch (e) {
    sendError(res, 500, `server error: ${withoutServerPaths((e as Error).message)}`);
  }
}
