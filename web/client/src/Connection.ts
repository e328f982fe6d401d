/**
 * The client side of the viewer protocol (web/protocol/viewerProtocol.ts): connects to the server
 * that served the page, validates what it says, decodes frames with the replay decoder (resetting
 * it on every `hello`) and acknowledges each one, and sends commands.
 */
import { io, type Socket } from "socket.io-client";
import { FrameDecoder } from "../../../replay/FrameDecoder.js";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import {
  CommandErrorSchema,
  HelloSchema,
  PlaybackStatusSchema,
  type ClientCommand,
  type Hello,
  type PlaybackStatus,
} from "../../protocol/viewerProtocol.js";

/** What the connection reports. */
export interface ConnectionHandlers {
  hello(hello: Hello): void;
  frame(frame: ReplayFrame): void;
  status(status: PlaybackStatus): void;
  error(message: string): void;
  connected(connected: boolean): void;
}

/** One socket.io connection to the viewer server. */
export class Connection {
  private readonly socket: Socket;
  private decoder: FrameDecoder | undefined;

  /**
   * @param replay replay file name to ask for (the page's `?replay=`), or undefined for the server's.
   * @param token the server's access token (the page's `?token=`), or undefined where it needs none.
   */
  constructor(replay: string | undefined, token: string | undefined, handlers: ConnectionHandlers) {
    this.socket = io({
      transports: ["websocket"],
      query: replay ? { replay } : {},
      ...(token !== undefined && { auth: { token } }),
    });
    this.socket.on("connect_error", (e: Error) => handlers.error(`cannot connect: ${e.message}`));
    this.socket.on("connect", () => handlers.connected(true));
    this.socket.on("disconnect", () => handlers.connected(false));
    this.socket.on("hello", (msg: unknown) => {
      const r = HelloSchema.safeParse(msg);
      if (!r.success) return handlers.error(`the server sent a bad hello: ${r.error.issues[0]?.message}`);
      this.decoder = new FrameDecoder(r.data.header.dtS);
      handlers.hello(r.data);
    });
    this.socket.on("frame", (data: ArrayBuffer | Uint8Array, ack?: () => void) => {
      try {
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
        if (!this.decoder) throw new Error("frame before hello");
        handlers.frame(this.decoder.decode(bytes[0], bytes.subarray(1), "frame from the server"));
      } catch (e) {
        handlers.error((e as Error).message);
      } finally {
        ack?.();
      }
    });
    this.socket.on("status", (msg: unknown) => {
      const r = PlaybackStatusSchema.safeParse(msg);
      if (r.success) handlers.status(r.data);
    });
    this.socket.on("commandError", (msg: unknown) => {
      const r = CommandErrorSchema.safeParse(msg);
      handlers.error(r.success ? r.data.message : "the server refused a command");
    });
  }

  /** Sends a command. */
  send(cmd: ClientCommand): void {
    this.socket.emit("command", cmd);
  }
}
