/**
 * TraCI message framing over one TCP socket: send a request, receive its answer, strictly one at a time.
 *
 * Every TraCI message (both directions) is an int total length (including those 4 bytes) followed by
 * commands. Each command is `length (ubyte, or 0 + int for > 255 bytes) | command id | content`, the
 * length counting itself and the id. The server answers a request message with exactly one message:
 * a status command per request command, then (for get/subscribe/step) the command's result.
 *
 * Requests are chained on a promise so that callers who forget an `await` still get their answers in
 * order rather than interleaved bytes.
 */
import { Socket, connect as netConnect } from "node:net";
import { TraciStorage } from "./TraciStorage.js";

interface PendingAnswer {
  resolve: (body: TraciStorage) => void;
  reject: (err: Error) => void;
}

/** One TCP connection to a TraCI server. Create it with {@link TraciConnection.open}. */
export class TraciConnection {
  private readonly _socket: Socket;
  private _chunks: Buffer[] = [];
  private _buffered = 0;
  private _pending: PendingAnswer | null = null;
  private _queue: Promise<unknown> = Promise.resolve();
  private _closedError: Error | null = null;

  private constructor(socket: Socket) {
    this._socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => this.onClosed(new Error(`TraCI connection error: ${err.message}`)));
    socket.on("close", () => this.onClosed(new Error("TraCI connection closed by SUMO")));
  }

  /** Connects once to `host:port`; rejects with the socket error (e.g. ECONNREFUSED) if nobody listens. */
  static open(host: string, port: number): Promise<TraciConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host, port });
      const onError = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        socket.off("error", onError);
        resolve(new TraciConnection(socket));
      });
    });
  }

  /** True once the socket has closed (by either side) or failed. */
  get closed(): boolean {
    return this._closedError !== null;
  }

  /**
   * Sends one request message made of `commands` (each already framed with its length and id) and
   * resolves with the answer's body (the bytes after the answer's length field).
   */
  request(commands: Uint8Array): Promise<TraciStorage> {
    const run = () => this.sendAndReceive(commands);
    const answer = this._queue.then(run, run);
    this._queue = answer.catch(() => undefined);
    return answer;
  }

  /** Closes the socket without telling SUMO (use the client's `close()` for an orderly end). */
  destroy(): void {
    this._socket.destroy();
    this.onClosed(new Error("TraCI connection closed by the client"));
  }

  private sendAndReceive(commands: Uint8Array): Promise<TraciStorage> {
    if (this._closedError) return Promise.reject(this._closedError);
    return new Promise<TraciStorage>((resolve, reject) => {
      this._pending = { resolve, reject };
      const header = Buffer.alloc(4);
      header.writeInt32BE(commands.length + 4, 0);
      this._socket.write(Buffer.concat([header, commands]));
      this.tryDeliver();
    });
  }

  private onData(chunk: Buffer): void {
    this._chunks.push(chunk);
    this._buffered += chunk.length;
    this.tryDeliver();
  }

  /** Hands a complete buffered message to the waiting request, if both exist. */
  private tryDeliver(): void {
    if (!this._pending || this._buffered < 4) return;
    if (this._chunks.length > 1) this._chunks = [Buffer.concat(this._chunks)];
    const data = this._chunks[0];
    const total = data.readInt32BE(0);
    if (total < 4) {
      this.fail(new Error(`TraCI connection: invalid message length ${total}`));
      return;
    }
    if (this._buffered < total) return;
    // Copy so the answer owns its bytes independently of the receive buffer.
    const body = new Uint8Array(data.subarray(4, total));
    const rest = data.subarray(total);
    this._chunks = rest.length > 0 ? [rest] : [];
    this._buffered = rest.length;
    const pending = this._pending;
    this._pending = null;
    pending.resolve(new TraciStorage(body));
  }

  private fail(err: Error): void {
    this._socket.destroy();
    this.onClosed(err);
  }

  private onClosed(err: Error): void {
    if (!this._closedError) this._closedError = err;
    const pending = this._pending;
    this._pending = null;
    pending?.reject(this._closedError);
  }
}
