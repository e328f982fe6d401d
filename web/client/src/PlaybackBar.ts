/**
 * The playback bar: play/pause, single step, a scrubber over the tick range (seeks while dragging,
 * at most every 60 ms), playback speed, camera mode, the replay picker, the screenshot button and
 * the video button (where the page has one: the playground's has not).
 * Keyboard: space play/pause, → step, c cycles the camera, m shows the whole map, Esc clears the selection.
 */
import type { PlaybackStatus } from "../../protocol/viewerProtocol.js";
import type { CameraMode } from "./CameraRig.js";

/** What the bar asks for. */
export interface PlaybackActions {
  playPause(): void;
  step(): void;
  seek(tick: number): void;
  speed(value: number): void;
  camera(mode: CameraMode): void;
  openReplay(name: string): void;
  screenshot(): void;
  /** Starts or stops recording a video. */
  record(): void;
  deselect(): void;
  /** Shows the whole map. */
  overview(): void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The bar's DOM controls. */
export class PlaybackBar {
  private readonly play = $<HTMLButtonElement>("btn-play");
  private readonly scrub = $<HTMLInputElement>("scrub");
  private readonly time = $<HTMLSpanElement>("bar-time");
  private readonly speedSel = $<HTMLSelectElement>("speed");
  private readonly cameraSel = $<HTMLSelectElement>("camera");
  private readonly replaysSel = $<HTMLSelectElement>("replays");
  private dragging = false;
  private lastSeekMs = 0;
  private seekTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly actions: PlaybackActions) {
    this.play.onclick = () => actions.playPause();
    $<HTMLButtonElement>("btn-step").onclick = () => actions.step();
    $<HTMLButtonElement>("btn-shot").onclick = () => actions.screenshot();
    const record = document.getElementById("btn-record");
    if (record) record.onclick = () => actions.record();
    this.scrub.addEventListener("pointerdown", () => (this.dragging = true));
    this.scrub.addEventListener("pointerup", () => (this.dragging = false));
    this.scrub.addEventListener("input", () => this.seekSoon(Number(this.scrub.value)));
    this.scrub.addEventListener("change", () => actions.seek(Number(this.scrub.value)));
    this.speedSel.onchange = () => actions.speed(Number(this.speedSel.value));
    this.cameraSel.onchange = () => actions.camera(this.cameraSel.value as CameraMode);
    this.replaysSel.onchange = () => actions.openReplay(this.replaysSel.value);
    window.addEventListener("keydown", (e) => {
      // Keys typed into a field or an editor (the playground's) are not playback commands.
      const t = e.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
      if (t instanceof HTMLElement && t.isContentEditable) return;
      if (e.key === " ") {
        e.preventDefault();
        actions.playPause();
      } else if (e.key === "ArrowRight") actions.step();
      else if (e.key === "c") {
        const modes: CameraMode[] = ["orbit", "top", "chase"];
        actions.camera(modes[(modes.indexOf(this.cameraSel.value as CameraMode) + 1) % modes.length]);
      } else if (e.key === "m") actions.overview();
      else if (e.key === "Escape") actions.deselect();
    });
  }

  private seekSoon(tick: number): void {
    const now = performance.now();
    if (this.seekTimer) clearTimeout(this.seekTimer);
    if (now - this.lastSeekMs > 60) {
      this.lastSeekMs = now;
      this.actions.seek(tick);
    } else {
      this.seekTimer = setTimeout(() => this.seekSoon(tick), 60);
    }
  }

  /** Live runs cannot seek; replays can pick another replay of the server's folder. */
  setMode(mode: "replay" | "live", replays: readonly string[], current: string): void {
    this.scrub.disabled = mode === "live";
    this.replaysSel.hidden = mode === "live" || replays.length < 2;
    this.replaysSel.replaceChildren(...replays.map((r) => new Option(r, r, false, r === current)));
  }

  /** Shows the server's playback status. */
  status(s: PlaybackStatus): void {
    this.play.textContent = s.playing ? "pause" : "play";
    this.scrub.min = String(s.firstTick);
    this.scrub.max = String(s.lastTick);
    this.speedSel.value = String(s.speed);
  }

  /** Shows the frame's tick and time (unless the user is dragging the scrubber). */
  position(tick: number, timeS: number): void {
    if (!this.dragging) this.scrub.value = String(tick);
    this.time.textContent = `${timeS.toFixed(1)} s`;
  }

  /** Shows whether a video is being recorded. */
  recording(on: boolean): void {
    const record = document.getElementById("btn-record");
    if (!record) return;
    record.textContent = on ? "stop video" : "video";
    record.classList.toggle("recording", on);
  }

  /** Shows the camera mode. */
  camera(mode: CameraMode): void {
    this.cameraSel.value = mode;
  }
}
