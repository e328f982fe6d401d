/**
 * The viewer's frames from the playground's simulation worker instead of a server socket (a
 * {@link ViewerSource}): `hello`, frame records (decoded with the replay decoder, reset on every
 * hello, each acknowledged so the worker sends the next) and status go to the viewer; the playback
 * bar's commands go to the worker.
 */
import { FrameDecoder } from "../../../replay/FrameDecoder.js";
import type { ClientCommand } from "../../protocol/viewerProtocol.js";
import type { ConnectionHandlers } from "../../client/src/Connection.js";
import type { ViewerSource } from "../../client/src/Viewer.js";
import type { FromWorker, ToWorker } from "../sim/workerProtocol.js";

/** The viewer's side of the worker; {@link handle} takes the worker's viewer messages. */
export class WorkerSource implements ViewerSource {
  private decoder: FrameDecoder | undefined;

  constructor(
    private readonly post: (msg: ToWorker) => void,
    private readonly handlers: ConnectionHandlers,
  ) {
    handlers.connected(true);
  }

  send(cmd: ClientCommand): void {
    this.post({ type: "command", command: cmd });
  }

  /** Passes a worker message on to the viewer; false for messages that are not the viewer's. */
  handle(msg: FromWorker): boolean {
    switch (msg.type) {
      case "hello":
        this.decoder = new FrameDecoder(msg.hello.header.dtS);
        this.handlers.hello(msg.hello);
        return true;
      case "frame":
        try {
          if (!this.decoder) throw new Error("frame before hello");
          this.handlers.frame(this.decoder.decode(msg.record[0], msg.record.subarray(1), "frame from the worker"));
        } catch (e) {
          this.handlers.error((e as Error).message);
        } finally {
          this.post({ type: "ack" });
        }
        return true;
      case "status":
        this.handlers.status(msg.status);
        return true;
      default:
        return false;
    }
  }
}
