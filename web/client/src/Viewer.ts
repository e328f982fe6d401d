/**
 * The viewer: a three.js scene of the map, vehicles, signals and bubbles, fed by a {@link Connection}
 * to the viewer server (or another {@link ViewerSource}: the playground's simulation worker) and
 * driven by the playback bar, HUD and mouse (click a vehicle to select it and chase it). It
 * renders continuously with requestAnimationFrame, interpolating vehicles between frames.
 *
 * For tests and the benchmark the page exposes `window.roadgym` (see {@link ViewerHooks}).
 */
import { Color, Raycaster, Scene, Vector2, WebGLRenderer } from "three";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import type { ClientCommand, Hello, PlaybackStatus } from "../../protocol/viewerProtocol.js";
import { BubbleLayer } from "./BubbleLayer.js";
import { CameraRig, type CameraMode } from "./CameraRig.js";
import { Connection, type ConnectionHandlers } from "./Connection.js";
import { Hud } from "./Hud.js";
import { buildMapView } from "./MapView.js";
import { PlaybackBar } from "./PlaybackBar.js";
import { SignalLayer } from "./SignalLayer.js";
import { VehicleLayer } from "./VehicleLayer.js";

/** What the page exposes as `window.roadgym`, for tests and benchmarks. */
export interface ViewerHooks {
  /** The last frame shown (undefined before the first). */
  frame(): ReplayFrame | undefined;
  /** What the server said first. */
  hello(): Hello | undefined;
  /** The last playback status. */
  status(): PlaybackStatus | undefined;
  /** Render frames drawn since the page loaded. */
  renderedFrames(): number;
  /** Frames per second drawn over the next `ms` milliseconds (requestAnimationFrame count). */
  measureFps(ms: number): Promise<number>;
  /** Sends a command as the bar would. */
  seek(tick: number): void;
  play(): void;
  pause(): void;
  speed(value: number): void;
  /** Selects the vehicle with this id (false if not in the frame). */
  select(id: string): boolean;
  /** The canvas as a PNG data URL, freshly rendered. */
  screenshot(): string;
  /** Errors reported so far. */
  errors(): string[];
}

/** Where the viewer's frames come from and its commands go: the server connection, or another source. */
export interface ViewerSource {
  /** Sends a command (play, pause, step, seek, speed, open). */
  send(cmd: ClientCommand): void;
}

/** Makes the viewer's source, given what the viewer does with what the source reports. */
export type ViewerSourceFactory = (handlers: ConnectionHandlers) => ViewerSource;

/** The default source: a socket to the server that served the page (`?replay=`, `?token=`). */
function serverSource(handlers: ConnectionHandlers): ViewerSource {
  const query = new URLSearchParams(location.search);
  return new Connection(query.get("replay") ?? undefined, query.get("token") ?? undefined, handlers);
}

declare global {
  interface Window {
    roadgym: ViewerHooks;
  }
}

/** Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe): no GPU. */
function softwareWebGl(): boolean {
  const gl = document.createElement("canvas").getContext("webgl2");
  if (!gl) return true;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(name);
}

/** The whole client. */
export class Viewer {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly rig: CameraRig;
  private readonly hud = new Hud();
  private readonly bar: PlaybackBar;
  private readonly connection: ViewerSource;
  private vehicles: VehicleLayer | undefined;
  private signals: SignalLayer | undefined;
  private readonly bubbles = new BubbleLayer();
  private helloMsg: Hello | undefined;
  private statusMsg: PlaybackStatus | undefined;
  private selectedId: string | undefined;
  private frameArrivedMs = 0;
  private frameIntervalMs = 100;
  private rendered = 0;
  private lastRenderMs = performance.now();
  private readonly errorLog: string[] = [];

  constructor(
    private readonly container: HTMLElement,
    source: ViewerSourceFactory = serverSource,
  ) {
    // Multisampling is nearly free on a GPU but costs software renderers (SwiftShader) most of their frame rate.
    this.renderer = new WebGLRenderer({ antialias: !softwareWebGl(), preserveDrawingBuffer: false });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    container.appendChild(this.renderer.domElement);
    // Grass. Every material is unlit (vehicle shading is baked in): no lights.
    this.scene.background = new Color(0x56704e);
    this.scene.add(this.bubbles.group);
    this.rig = new CameraRig(this.renderer.domElement);
    this.bar = new PlaybackBar({
      playPause: () => this.connection.send({ type: this.statusMsg?.playing ? "pause" : "play" }),
      step: () => this.connection.send({ type: "step" }),
      seek: (tick) => this.connection.send({ type: "seek", tick }),
      speed: (value) => this.connection.send({ type: "speed", value }),
      camera: (mode) => this.setCamera(mode),
      openReplay: (name) => this.connection.send({ type: "open", replay: name }),
      screenshot: () => this.saveScreenshot(),
      deselect: () => this.select(undefined),
    });
    this.installPicking();
    this.connection = source({
      hello: (h) => this.onHello(h),
      frame: (f) => this.onFrame(f),
      status: (s) => {
        this.statusMsg = s;
        this.bar.status(s);
      },
      error: (m) => {
        this.errorLog.push(m);
        this.hud.error(m);
      },
      connected: (c) => {
        if (!c) this.hud.error("disconnected from the viewer server; reconnecting…", 3_600_000);
      },
    });
    window.addEventListener("resize", () => this.resize());
    this.resize();
    window.roadgym = this.hooks();
    const loop = () => {
      this.render();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  private onHello(h: Hello): void {
    this.helloMsg = h;
    if (this.vehicles) this.scene.remove(this.vehicles.group);
    if (this.signals) this.scene.remove(this.signals.group);
    const old = this.scene.getObjectByName("map");
    if (old) this.scene.remove(old);
    const map = buildMapView(h.header.map);
    this.scene.add(map.group);
    this.vehicles = new VehicleLayer(h.header.vehicleTypes);
    this.scene.add(this.vehicles.group);
    this.signals = new SignalLayer(h.header.map);
    this.scene.add(this.signals.group);
    this.rig.frame(map.bounds);
    this.selectedId = undefined;
    this.setCamera("orbit");
    this.hud.setSource(h.name, h.mode === "live" ? "live" : `replay · seed ${h.header.seed}`, h.recovery);
    this.bar.setMode(h.mode, h.replays, h.name);
    document.title = `${h.name} — roadgym viewer`;
  }

  private onFrame(f: ReplayFrame): void {
    const v = this.vehicles;
    if (!v) return;
    const prev = v.current;
    const now = performance.now();
    // Glide only between consecutive-ish frames going forward; a seek jumps.
    const smooth = prev !== undefined && f.tick > prev.tick && f.tick - prev.tick <= 20;
    if (smooth) this.frameIntervalMs = Math.min(250, Math.max(16, now - this.frameArrivedMs));
    this.frameArrivedMs = now;
    const sel = this.selectedId === undefined ? -1 : f.ids.indexOf(this.selectedId);
    v.setFrame(f, smooth, sel);
    this.signals?.update(f.signals);
    this.bubbles.update(f.bubbles);
    this.hud.show(f, sel, (id) => id);
    this.bar.position(f.tick, f.timeS);
  }

  private select(id: string | undefined): void {
    this.selectedId = id;
    const f = this.vehicles?.current;
    if (!f || !this.vehicles) return;
    const i = id === undefined ? -1 : f.ids.indexOf(id);
    this.vehicles.select(i);
    this.hud.show({ ...f, events: [], collisions: [] }, i, (t) => t);
    if (i < 0 && this.rig.mode === "chase") this.setCamera("orbit");
  }

  private setCamera(mode: CameraMode): void {
    if (mode === "chase" && this.selectedId === undefined) {
      this.hud.error("chase: click a vehicle first");
      mode = this.rig.mode;
    }
    this.rig.setMode(mode);
    this.bar.camera(mode);
  }

  private installPicking(): void {
    const dom = this.renderer.domElement;
    const ray = new Raycaster();
    const ndc = new Vector2();
    let down = { x: 0, y: 0 };
    dom.addEventListener("pointerdown", (e) => (down = { x: e.clientX, y: e.clientY }));
    dom.addEventListener("pointerup", (e) => {
      if (Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4 || !this.vehicles?.current) return; // a drag, not a click
      const r = dom.getBoundingClientRect();
      ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      ray.setFromCamera(ndc, this.rig.camera);
      const i = this.vehicles.pick(ray);
      if (i < 0) return;
      this.select(this.vehicles.current.ids[i]);
      this.setCamera("chase");
    });
  }

  private resize(): void {
    const w = this.container.clientWidth || window.innerWidth;
    const h = this.container.clientHeight || window.innerHeight;
    this.renderer.setSize(w, h);
    this.rig.resize(w, h);
  }

  private render(): void {
    const now = performance.now();
    const dtS = (now - this.lastRenderMs) / 1000;
    this.lastRenderMs = now;
    const v = this.vehicles;
    if (v?.current) {
      const alpha = Math.min(1, (now - this.frameArrivedMs) / this.frameIntervalMs);
      v.update(alpha);
      const sel = this.selectedId === undefined ? -1 : v.current.ids.indexOf(this.selectedId);
      if (sel >= 0) {
        const p = v.poseOf(sel, alpha);
        this.rig.follow(p.x, p.y, p.headingRad, dtS);
      }
    }
    this.rig.update();
    this.renderer.render(this.scene, this.rig.camera);
    this.rendered++;
  }

  private screenshotUrl(): string {
    this.render();
    return this.renderer.domElement.toDataURL("image/png");
  }

  private saveScreenshot(): void {
    const a = document.createElement("a");
    a.href = this.screenshotUrl();
    a.download = `roadgym-${this.helloMsg?.name ?? "view"}-tick${this.vehicles?.current?.tick ?? 0}.png`;
    a.click();
  }

  private hooks(): ViewerHooks {
    return {
      frame: () => this.vehicles?.current,
      hello: () => this.helloMsg,
      status: () => this.statusMsg,
      renderedFrames: () => this.rendered,
      measureFps: (ms) =>
        new Promise((ok) => {
          const start = this.rendered;
          const t0 = performance.now();
          setTimeout(() => ok(((this.rendered - start) * 1000) / (performance.now() - t0)), ms);
        }),
      seek: (tick) => this.connection.send({ type: "seek", tick }),
      play: () => this.connection.send({ type: "play" }),
      pause: () => this.connection.send({ type: "pause" }),
      speed: (value) => this.connection.send({ type: "speed", value }),
      select: (id) => {
        if (!this.vehicles?.current?.ids.includes(id)) return false;
        this.select(id);
        this.setCamera("chase");
        return true;
      },
      screenshot: () => this.screenshotUrl(),
      errors: () => [...this.errorLog],
    };
  }
}
