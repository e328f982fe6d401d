/**
 * The vehicle state that replay encoder and decoder both track between records, in quantised units
 * (cm, heading steps, cm/s) plus each vehicle's last per-tick displacement (cm), which predicts its
 * next position (second-order delta). Both sides apply the same updates, so they stay identical.
 */

/** Per-vehicle columns, `count` rows in frame order. */
export class VehicleColumns {
  count = 0;
  ids: string[] = [];
  typeIds: string[] = [];
  owners: string[] = [];
  laneIds: string[] = [];
  roles = new Uint8Array(16);
  /** Position (cm). */
  qx = new Float64Array(16);
  qy = new Float64Array(16);
  /** Last displacement per tick (cm): the prediction of the next one. */
  vx = new Float64Array(16);
  vy = new Float64Array(16);
  /** Heading (1/65,536 turn). */
  qh = new Float64Array(16);
  /** Speed (cm/s). */
  qv = new Float64Array(16);

  /** Empties the columns, keeping room for `capacity` rows. */
  clear(capacity: number): void {
    this.count = 0;
    this.ids.length = 0;
    this.typeIds.length = 0;
    this.owners.length = 0;
    this.laneIds.length = 0;
    if (this.roles.length < capacity) {
      const cap = Math.max(capacity, this.roles.length * 2);
      this.roles = new Uint8Array(cap);
      this.qx = new Float64Array(cap);
      this.qy = new Float64Array(cap);
      this.vx = new Float64Array(cap);
      this.vy = new Float64Array(cap);
      this.qh = new Float64Array(cap);
      this.qv = new Float64Array(cap);
    }
  }

  /** Makes room for `capacity` rows, keeping the rows there are. */
  reserve(capacity: number): void {
    if (this.roles.length >= capacity) return;
    const cap = Math.max(capacity, this.roles.length * 2);
    const grow = <T extends Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.roles = grow(this.roles, (k) => new Uint8Array(k));
    this.qx = grow(this.qx, (k) => new Float64Array(k));
    this.qy = grow(this.qy, (k) => new Float64Array(k));
    this.vx = grow(this.vx, (k) => new Float64Array(k));
    this.vy = grow(this.vy, (k) => new Float64Array(k));
    this.qh = grow(this.qh, (k) => new Float64Array(k));
    this.qv = grow(this.qv, (k) => new Float64Array(k));
  }

  /** Appends a row (room must have been made by {@link clear} or {@link reserve}). */
  push(
    id: string,
    typeId: string,
    owner: string,
    laneId: string,
    role: number,
    qx: number,
    qy: number,
    vx: number,
    vy: number,
    qh: number,
    qv: number,
  ): void {
    const i = this.count++;
    this.ids.push(id);
    this.typeIds.push(typeId);
    this.owners.push(owner);
    this.laneIds.push(laneId);
    this.roles[i] = role;
    this.qx[i] = qx;
    this.qy[i] = qy;
    this.vx[i] = vx;
    this.vy[i] = vy;
    this.qh[i] = qh;
    this.qv[i] = qv;
  }
}
