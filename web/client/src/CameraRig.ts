/**
 * The camera and its three modes: `orbit` (rotate, pan and zoom around a target), `top` (straight
 * down: pan and zoom only) and `chase` (behind the selected vehicle, following its heading; the
 * mouse wheel changes the distance). World z is up.
 */
import { MathUtils, PerspectiveCamera, Vector3, type Fog } from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import type { Bounds } from "./MapView.js";

/** A camera mode. */
export type CameraMode = "orbit" | "top" | "chase";

/** The viewer's camera and controls. */
export class CameraRig {
  readonly camera: PerspectiveCamera;
  readonly controls: OrbitControls;
  private modeValue: CameraMode = "orbit";
  private chaseDistanceM = 14;
  private readonly chasePos = new Vector3();
  private readonly chaseLook = new Vector3();
  private chaseFresh = true;

  constructor(dom: HTMLElement) {
    this.camera = new PerspectiveCamera(50, 1, 1.5, 20000);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, dom);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.15;
    this.controls.screenSpacePanning = true;
    this.controls.maxPolarAngle = MathUtils.degToRad(85);
    dom.addEventListener(
      "wheel",
      (e) => {
        if (this.modeValue !== "chase") return;
        this.chaseDistanceM = MathUtils.clamp(this.chaseDistanceM * (e.deltaY > 0 ? 1.1 : 0.9), 5, 200);
      },
      { passive: true },
    );
  }

  /** The current mode. */
  get mode(): CameraMode {
    return this.modeValue;
  }

  /** Frames the whole map from an angle. */
  frame(bounds: Bounds): void {
    const cx = (bounds[0] + bounds[2]) / 2;
    const cy = (bounds[1] + bounds[3]) / 2;
    const size = Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1], 40);
    this.controls.target.set(cx, cy, 0);
    this.camera.position.set(cx, cy - size * 0.55, size * 0.75);
    // Near and far planes as close as the views allow: depth precision keeps the lane markings off the road.
    this.camera.far = Math.max(3000, size * 6);
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  /** Switches mode (chase needs a selected vehicle; the caller checks). */
  setMode(mode: CameraMode): void {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    const c = this.controls;
    if (mode === "top") {
      c.enabled = true;
      c.enableRotate = false;
      c.minPolarAngle = 0;
      c.maxPolarAngle = 0;
      const height = Math.max(30, this.camera.position.distanceTo(c.target));
      this.camera.position.set(c.target.x, c.target.y - 0.001, c.target.z + height);
      c.update();
    } else if (mode === "orbit") {
      c.enabled = true;
      c.enableRotate = true;
      c.minPolarAngle = 0;
      c.maxPolarAngle = MathUtils.degToRad(85);
      c.update();
    } else {
      c.enabled = false;
      this.chaseFresh = true;
    }
  }

  /** Chase mode: places the camera behind a vehicle at (x, y) heading `headingRad`. */
  follow(x: number, y: number, headingRad: number, dtS: number): void {
    if (this.modeValue !== "chase") return;
    const d = this.chaseDistanceM;
    // Low behind the vehicle, looking past it down the road: the view from a following car.
    const want = new Vector3(x - Math.cos(headingRad) * d, y - Math.sin(headingRad) * d, 1.5 + d * 0.3);
    const look = new Vector3(x + Math.cos(headingRad) * 12, y + Math.sin(headingRad) * 12, 1);
    const k = this.chaseFresh ? 1 : 1 - Math.exp(-dtS * 6);
    this.chaseFresh = false;
    this.chasePos.lerp(want, k);
    this.chaseLook.lerp(look, k);
    if (k === 1) {
      this.chasePos.copy(want);
      this.chaseLook.copy(look);
    }
    this.camera.position.copy(this.chasePos);
    this.camera.lookAt(this.chaseLook);
    // Leaving chase resumes orbiting around the vehicle.
    this.controls.target.set(x, y, 0);
  }

  /**
   * Fits distance fog to the view: it starts a little beyond what the camera looks at (the chased
   * vehicle, or the orbit target) and hides the far horizon, where lane markings would shimmer.
   */
  fitFog(fog: Fog): void {
    const d = this.modeValue === "chase" ? this.chaseDistanceM : this.camera.position.distanceTo(this.controls.target);
    fog.near = Math.max(150, d * 1.2);
    fog.far = fog.near + Math.max(700, d * 3);
  }

  /** Per render frame: damping of the orbit controls. */
  update(): void {
    if (this.modeValue !== "chase") this.controls.update();
  }

  /** Adapts to the viewport size. */
  resize(width: number, height: number): void {
    this.camera.aspect = width / Math.max(1, height);
    this.camera.updateProjectionMatrix();
  }
}
