/**
 * The viewer: a three.js scene of the map, its scenery (sky, ground, trees), vehicles, signals and
 * bubbles, fed by a {@link Connection} to the viewer server (or another {@link ViewerSource}: the
 * playground's simulation worker) and driven by the playback bar, HUD and mouse (hover a vehicle for
 * its label, click it to select and chase it). It opens chasing a vehicle: the page's `?follow=<id>`,
 * else the first learning agent, else the first social agent. The selected vehicle's trail and
 * path ahead are drawn. It renders continuously with requestAnimationFrame, interpolating vehicles
 * between frames, and records the canvas as WebM video on request.
 *
 * For tests and the benchmark the page exposes `window.roadgym` (see {@link ViewerHooks}).
 */
import { Raycaster, Scene, Vector2, Vector3, WebGLRenderer } from "three";
import { ReplayRole } from "../../../replay/ReplayFrame.js";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import type { ClientCommand, Hello, PlaybackStatus } from "../../protocol/viewerProtocol.js";
import { BubbleLayer } from "./BubbleLayer.js";
import { CameraRig, type CameraMode } from "./CameraRig.js";
import { Connection, type ConnectionHandlers } from "./Connection.js";
import { HoverLabel, type HoverInfo } from "./HoverLabel.js";
import { Hud } from "./Hud.js";
import { LaneGraph } from "./LaneGraph.js";
import { buildMapView, type Bounds } from "./MapView.js";
import { PlaybackBar } from "./PlaybackBar.js";
import { RouteLayer } from "./RouteLayer.js";
import { buildScenery, GRASS, type Scenery } from "./Scenery.js";
import { SignalLayer } from "./SignalLayer.js";
import { VehicleLayer, type TypeDraw } from "./VehicleLayer.js";
import { ResolutionScaler } from "./ResolutionScaler.js";
import { VideoRecorder } from "./VideoRecorder.js";

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
  /** The selected vehicle's id (undefined: none). */
  selected(): string | undefined;
  /** The camera mode. */
  cameraMode(): CameraMode;
  /** What each vehicle type draws (model family, instances, wheels). */
  draws(): TypeDraw[];
  /** Vehicles of the shown frame with brake lights on, and signalling left or right. */
  lights(): { braking: number; left: number; right: number; lamps: number };
  /** The selected vehicle's trail points and waypoints ahead. */
  route(): { trail: number; waypoints: number };
  /** Where a vehicle of the shown frame is on the page (CSS pixels), or undefined when not in view. */
  screenPosition(id: string): { x: number; y: number } | undefined;
  /** Trees placed around the map. */
  trees(): number;
  /** Clears the selection and shows the whole map from an angle (orbit camera). */
  overview(): void;
  /** The share of the page's resolution rendered (1: full; less where software WebGL lags). */
  resolutionScale(): number;
  /** Shows or hides a layer of the scene by name (scenery, map, vehicles, route, signals, bubbles): for benchmarks. */
  showLayer(name: string, visible: boolean): boolean;
  /** Records the canvas as video for `ms` milliseconds; resolves to the WebM's size (bytes) and MIME type. */
  recordVideo(ms: number): Promise<{ size: number; type: string }>;
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
  private route: RouteLayer | undefined;
  private mapBounds: Bounds | undefined;
  private scenery: Scenery | undefined;
  private readonly recorder: VideoRecorder;
  private helloMsg: Hello | undefined;
  private statusMsg: PlaybackStatus | undefined;
  private selectedId: string | undefined;
  /** Until the user picks a vehicle or a camera: the viewer chooses whom to chase. */
  private autoFollow = true;
  private frameArrivedMs = 0;
  private frameIntervalMs = 100;
  private rendered = 0;
  private lastRenderMs = performance.now();
  private readonly errorLog: string[] = [];
  private readonly resolution: ResolutionScaler;

  constructor(
    private readonly container: HTMLElement,
    source: ViewerSourceFactory = serverSource,
  ) {
    // Multisampling is nearly free on a GPU but costs software renderers (SwiftShader) most of their frame rate.
    const software = softwareWebGl();
    this.renderer = new WebGLRenderer({ antialias: !software, preserveDrawingBuffer: false });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    const scale = Number(new URLSearchParams(location.search).get("scale"));
    this.resolution = new ResolutionScaler(software && !(scale > 0), scale > 0 ? scale : 1);
    container.appendChild(this.renderer.domElement);
    // Every material is unlit (the sun's shading is baked into vertex colours): no lights to pay for.
    this.renderer.setClearColor(GRASS);
    this.scene.add(this.bubbles.group);
    this.recorder = new VideoRecorder(this.renderer.domElement);
    this.rig = new CameraRig(this.renderer.domElement);
    this.bar = new PlaybackBar({
      playPause: () => this.connection.send({ type: this.statusMsg?.playing ? "pause" : "play" }),
      step: () => this.connection.send({ type: "step" }),
      seek: (tick) => this.connection.send({ type: "seek", tick }),
      speed: (value) => this.connection.send({ type: "speed", value }),
      camera: (mode) => this.setCamera(mode),
      openReplay: (name) => this.connection.send({ type: "open", replay: name }),
      screenshot: () => this.saveScreenshot(),
      record: () => void this.toggleRecording(),
      deselect: () => {
        this.autoFollow = false;
        this.select(undefined);
      },
      overview: () => this.overview(),
    });
    this.installPicking();
    new HoverLabel(container, (x, y) => this.hoverInfo(x, y));
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
    for (const g of [this.vehicles?.group, this.signals?.group, this.route?.group, this.scenery?.group]) {
      if (g) this.scene.remove(g);
    }
    const old = this.scene.getObjectByName("map");
    if (old) this.scene.remove(old);
    const map = buildMapView(h.header.map);
    this.scenery = buildScenery(h.header.map, map.bounds);
    this.scene.fog = this.scenery.fog;
    this.scene.add(this.scenery.group, map.group);
    const graph = new LaneGraph(h.header.map);
    this.vehicles = new VehicleLayer(h.header.vehicleTypes, h.header.dtS, graph.laneRoads());
    this.scene.add(this.vehicles.group);
    this.route = new RouteLayer(graph, h.header.dtS, h.header.routes);
    this.scene.add(this.route.group);
    this.signals = new SignalLayer(h.header.map);
    this.scene.add(this.signals.group);
    this.mapBounds = map.bounds;
    this.rig.frame(map.bounds);
    this.selectedId = undefined;
    this.autoFollow = true;
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
    if (this.autoFollow) this.chooseFollowed(f);
    const sel = this.selectedId === undefined ? -1 : f.ids.indexOf(this.selectedId);
    v.setFrame(f, smooth, sel);
    this.route?.update(sel < 0 ? undefined : f.ids[sel], f.x[sel], f.y[sel], f.laneIds[sel], f.tick, !smooth);
    this.signals?.update(f.signals);
    this.bubbles.update(f.bubbles);
    this.hud.show(f, sel, (id) => id);
    this.bar.position(f.tick, f.timeS);
  }

  /**
   * Picks whom to chase while the user has not: the page's `?follow=` vehicle, else the first
   * learning agent (by id), else the first social agent; when that vehicle leaves, the next one.
   */
  private chooseFollowed(f: ReplayFrame): void {
    if (this.selectedId !== undefined && f.ids.includes(this.selectedId)) return;
    const wanted = new URLSearchParams(location.search).get("follow");
    let pick: string | undefined = wanted !== null && f.ids.includes(wanted) ? wanted : undefined;
    for (const role of [ReplayRole.learningAgent, ReplayRole.socialAgent]) {
      if (pick !== undefined) break;
      pick = f.ids.filter((_, k) => f.roles[k] === role).sort()[0];
    }
    if (pick === undefined) return;
    this.selectedId = pick;
    this.setCamera("chase");
  }

  /** Clears the selection and frames the whole map (key `m`). */
  private overview(): void {
    this.autoFollow = false;
    this.select(undefined);
    this.setCamera("orbit");
    if (this.mapBounds) this.rig.frame(this.mapBounds);
  }

  private select(id: string | undefined): void {
    this.selectedId = id;
    const f = this.vehicles?.current;
    if (!f || !this.vehicles) return;
    const i = id === undefined ? -1 : f.ids.indexOf(id);
    this.vehicles.select(i);
    this.hud.show({ ...f, events: [], collisions: [] }, i, (t) => t);
    this.route?.update(i < 0 ? undefined : f.ids[i], f.x[i], f.y[i], f.laneIds[i], f.tick, true);
    if (i < 0 && this.rig.mode === "chase") this.setCamera("orbit");
  }

  private setCamera(mode: CameraMode): void {
    if (mode !== "chase" && this.rig.mode === "chase") this.autoFollow = false;
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
      const i = this.vehicles.pick(ray.ray, this.alpha());
      if (i < 0) return;
      this.autoFollow = false;
      this.select(this.vehicles.current.ids[i]);
      this.setCamera("chase");
    });
  }

  /** Interpolation between the previous and the current frame, now. */
  private alpha(): number {
    return Math.min(1, (performance.now() - this.frameArrivedMs) / this.frameIntervalMs);
  }

  /** The vehicle under a client-space point, for the hover label. */
  private hoverInfo(clientX: number, clientY: number): HoverInfo | undefined {
    const v = this.vehicles;
    const f = v?.current;
    if (!v || !f) return undefined;
    const r = this.renderer.domElement.getBoundingClientRect();
    const ray = new Raycaster();
    ray.setFromCamera(
      new Vector2(((clientX - r.left) / r.width) * 2 - 1, -((clientY - r.top) / r.height) * 2 + 1),
      this.rig.camera,
    );
    const i = v.pick(ray.ray, this.alpha());
    if (i < 0) return undefined;
    return { id: f.ids[i], type: f.typeIds[i], speedMps: f.speedMps[i], owner: f.owners[i] };
  }

  private async toggleRecording(): Promise<void> {
    try {
      if (!this.recorder.recording) {
        this.recorder.start();
        this.bar.recording(true);
        if (!this.statusMsg?.playing) this.connection.send({ type: "play" });
        return;
      }
      const video = await this.recorder.stop();
      this.bar.recording(false);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(video);
      a.download = `roadgym-${this.helloMsg?.name ?? "view"}.webm`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      this.bar.recording(false);
      this.errorLog.push((e as Error).message);
      this.hud.error((e as Error).message);
    }
  }

  private resize(): void {
    const w = this.container.clientWidth || window.innerWidth;
    const h = this.container.clientHeight || window.innerHeight;
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio) * this.resolution.scale);
    this.renderer.setSize(w, h);
    this.rig.resize(w, h);
  }

  private render(): void {
    const now = performance.now();
    const dtS = (now - this.lastRenderMs) / 1000;
    this.lastRenderMs = now;
    const v = this.vehicles;
    if (v?.current) {
      const alpha = this.alpha();
      const cam = this.rig.camera.position;
      v.update(alpha, now, cam.x, cam.y, cam.z);
      const sel = this.selectedId === undefined ? -1 : v.current.ids.indexOf(this.selectedId);
      if (sel >= 0) {
        const p = v.poseOf(sel, alpha);
        this.rig.follow(p.x, p.y, p.headingRad, dtS);
      }
    }
    if (this.resolution.frame(now)) this.resize();
    this.rig.update();
    if (this.scenery) {
      this.scenery.sky.position.copy(this.rig.camera.position);
      this.rig.fitFog(this.scenery.fog);
    }
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
        this.autoFollow = false;
        this.select(id);
        this.setCamera("chase");
        return true;
      },
      selected: () => this.selectedId,
      cameraMode: () => this.rig.mode,
      draws: () => this.vehicles?.draws() ?? [],
      lights: () => {
        const l = this.vehicles?.lightStates;
        let braking = 0;
        let left = 0;
        let right = 0;
        for (let i = 0; l && i < l.braking.length; i++) {
          braking += l.braking[i];
          if (l.turn[i] > 0) left++;
          if (l.turn[i] < 0) right++;
        }
        return { braking, left, right, lamps: this.vehicles?.litLamps ?? 0 };
      },
      route: () => ({ trail: this.route?.trailLength ?? 0, waypoints: this.route?.waypoints.length ?? 0 }),
      screenPosition: (id) => {
        const v = this.vehicles;
        const i = v?.current?.ids.indexOf(id) ?? -1;
        if (!v || i < 0) return undefined;
        const p = v.poseOf(i, this.alpha());
        const t = v.typeOf(v.current!.typeIds[i]);
        const ndc = new Vector3(p.x, p.y, t.heightM * 0.6).project(this.rig.camera);
        if (Math.abs(ndc.x) > 1 || Math.abs(ndc.y) > 1 || ndc.z > 1) return undefined;
        const r = this.renderer.domElement.getBoundingClientRect();
        return { x: r.left + ((ndc.x + 1) / 2) * r.width, y: r.top + ((1 - ndc.y) / 2) * r.height };
      },
      trees: () => this.scenery?.trees ?? 0,
      overview: () => this.overview(),
      resolutionScale: () => this.resolution.scale,
      showLayer: (name, visible) => {
        const layer = this.scene.getObjectByName(name);
        if (layer) layer.visible = visible;
        return layer !== undefined;
      },
      recordVideo: async (ms) => {
        this.recorder.start();
        await new Promise((ok) => setTimeout(ok, ms));
        const video = await this.recorder.stop();
        return { size: video.size, type: video.type };
      },
      screenshot: () => this.screenshotUrl(),
      errors: () => [...this.errorLog],
    };
  }
}
