import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import { vehicleTypes } from "../../spec/vehicleTypes.js";
import { CollisionPairs } from "./CollisionPairs.js";
import { CollisionScratch, detectCollisions } from "./detectCollisions.js";
import { detectCollisionsBruteForce } from "./detectCollisionsBruteForce.js";
import { orientedBoxesOverlap } from "./orientedBoxesOverlap.js";

const DEG = Math.PI / 180;

interface Box {
  x: number;
  y: number;
  h: number;
  l: number;
  w: number;
}

/**
 * Box B placed against box A (A at the origin, heading 0) analytically: B, turned by `deltaRad`,
 * has its extreme corner towards A on A's front edge (`side` "front", at lateral offset `along`)
 * or on A's left edge (`side` "left", at longitudinal offset `along`), then moved `gapM` away.
 */
function placeAgainst(
  a: { l: number; w: number },
  b: { l: number; w: number },
  deltaRad: number,
  side: "front" | "left",
  along: number,
  gapM: number,
) {
  const c = Math.cos(deltaRad),
    s = Math.sin(deltaRad);
  let best = Infinity,
    bx = 0,
    by = 0;
  for (const [u, v] of [
    [1, 1],
    [-1, 1],
    [-1, -1],
    [1, -1],
  ]) {
    const px = ((u * b.l) / 2) * c - ((v * b.w) / 2) * s;
    const py = ((u * b.l) / 2) * s + ((v * b.w) / 2) * c;
    const key = side === "front" ? px : py; // the corner reaching furthest back towards A
    if (key < best) {
      best = key;
      bx = px;
      by = py;
    }
  }
  return side === "front"
    ? { x: a.l / 2 + gapM - bx, y: along - by, h: deltaRad }
    : { x: along - bx, y: a.w / 2 + gapM - by, h: deltaRad };
}

/** Rotates a local configuration (A at origin, heading 0) by `theta` and moves it to (cx, cy). */
function toWorld(local: { x: number; y: number; h: number }, cx: number, cy: number, theta: number) {
  const c = Math.cos(theta),
    s = Math.sin(theta);
  return { x: cx + local.x * c - local.y * s, y: cy + local.x * s + local.y * c, h: local.h + theta };
}

function pairCollides(a: Box, b: Box): boolean {
  const boxes = new VehicleBoxes();
  boxes.add(1, a.x, a.y, a.h, a.l, a.w);
  boxes.add(2, b.x, b.y, b.h, b.l, b.w);
  const grid = detectCollisions(boxes, new CollisionPairs(), new CollisionScratch()) === 1;
  const direct = orientedBoxesOverlap(
    a.x,
    a.y,
    Math.cos(a.h),
    Math.sin(a.h),
    a.l / 2,
    a.w / 2,
    b.x,
    b.y,
    Math.cos(b.h),
    Math.sin(b.h),
    b.l / 2,
    b.w / 2,
  );
  const swapped = orientedBoxesOverlap(
    b.x,
    b.y,
    Math.cos(b.h),
    Math.sin(b.h),
    b.l / 2,
    b.w / 2,
    a.x,
    a.y,
    Math.cos(a.h),
    Math.sin(a.h),
    a.l / 2,
    a.w / 2,
  );
  expect(direct).toBe(grid);
  expect(swapped).toBe(grid);
  return grid;
}

const sizes = Object.values(vehicleTypes).map((t) => ({ l: t.lengthM, w: t.widthM }));

describe("detectCollisions: exact contact", () => {
  it("counts touching as contact and 1 mm apart as none, corner-to-edge at every 5° of relative and world angle", () => {
    const rng = new Rng("corner-to-edge");
    let checked = 0;
    for (let deltaDeg = 0; deltaDeg < 360; deltaDeg += 5) {
      for (let thetaDeg = 0; thetaDeg < 360; thetaDeg += 5) {
        const a = rng.pick(sizes),
          b = rng.pick(sizes);
        const side = rng.chance(0.5) ? "front" : "left";
        const halfEdge = side === "front" ? a.w / 2 : a.l / 2;
        const along = rng.range(-halfEdge, halfEdge);
        const cx = rng.range(-5000, 5000),
          cy = rng.range(-5000, 5000);
        const boxA: Box = { x: cx, y: cy, h: thetaDeg * DEG, ...a };
        for (const [gap, expected] of [
          [0, true],
          [1e-3, false],
          [1e-5, false],
          [-1e-3, true],
        ] as const) {
          const local = placeAgainst(a, b, deltaDeg * DEG, side, along, gap);
          const boxB: Box = { ...toWorld(local, cx, cy, thetaDeg * DEG), ...b };
          const got = pairCollides(boxA, boxB);
          if (got !== expected)
            throw new Error(`gap ${gap} ${side} Δ ${deltaDeg}° θ ${thetaDeg}°: expected ${expected}, got ${got}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(72 * 72 * 4);
  });

  it("detects exact edge-to-edge contact (aligned, nose to tail and side by side) under random rotations", () => {
    const rng = new Rng("edge-to-edge");
    for (let k = 0; k < 2000; k++) {
      const a = rng.pick(sizes),
        b = rng.pick(sizes);
      const theta = rng.range(0, 2 * Math.PI);
      const cx = rng.range(-2000, 2000),
        cy = rng.range(-2000, 2000);
      const boxA: Box = { x: cx, y: cy, h: theta, ...a };
      const flip = rng.chance(0.5) ? Math.PI : 0; // same or opposite direction
      for (const [gap, expected] of [
        [0, true],
        [1e-3, false],
      ] as const) {
        const behind = toWorld(
          { x: -(a.l / 2 + b.l / 2 + gap), y: rng.range(-0.95, 0.95) * ((a.w + b.w) / 2), h: flip },
          cx,
          cy,
          theta,
        );
        expect(pairCollides(boxA, { ...behind, ...b })).toBe(expected);
        const beside = toWorld(
          { x: rng.range(-0.95, 0.95) * ((a.l + b.l) / 2), y: -(a.w / 2 + b.w / 2 + gap), h: flip },
          cx,
          cy,
          theta,
        );
        expect(pairCollides(boxA, { ...beside, ...b })).toBe(expected);
      }
    }
  });

  it("detects containment and deep overlap, and separation along a diagonal axis only", () => {
    expect(pairCollides({ x: 0, y: 0, h: 0.3, l: 10, w: 2.5 }, { x: 0.5, y: 0.2, h: 1.2, l: 0.5, w: 0.5 })).toBe(true);
    expect(pairCollides({ x: 0, y: 0, h: 0, l: 4, w: 2 }, { x: 1, y: 0, h: 0, l: 4, w: 2 })).toBe(true);
    // Two squares turned 45°: their bounding boxes overlap but a diagonal axis separates them.
    const d = Math.SQRT2; // half diagonal of a 2 × 2 square
    expect(
      pairCollides(
        { x: 0, y: 0, h: Math.PI / 4, l: 2, w: 2 },
        { x: d + 0.01, y: d + 0.01, h: Math.PI / 4, l: 2, w: 2 },
      ),
    ).toBe(false);
    expect(pairCollides({ x: 0, y: 0, h: Math.PI / 4, l: 2, w: 2 }, { x: d, y: d, h: Math.PI / 4, l: 2, w: 2 })).toBe(
      true,
    );
  });
});

function randomBoxes(rng: Rng, n: number, areaM: number, idBase = 1000): VehicleBoxes {
  const boxes = new VehicleBoxes({ initialCapacity: 4 });
  for (let i = 0; i < n; i++) {
    const t = rng.pick(sizes);
    boxes.add(idBase + i, rng.range(0, areaM), rng.range(0, areaM), rng.range(-Math.PI, Math.PI), t.l, t.w);
  }
  return boxes;
}

describe("detectCollisions: against brute force", () => {
  it("matches the O(n²) reference on 2,000 random boxes (dense and sparse)", () => {
    const rng = new Rng("cross-check");
    for (const areaM of [150, 400, 3000]) {
      const boxes = randomBoxes(rng, 2000, areaM);
      const fast = new CollisionPairs(),
        slow = new CollisionPairs();
      detectCollisions(boxes, fast, new CollisionScratch());
      detectCollisionsBruteForce(boxes, slow);
      expect(fast.toArray()).toEqual(slow.toArray());
      if (areaM === 150) expect(fast.count).toBeGreaterThan(500);
    }
  });

  it("finds every planted touching pair among traffic, wherever the grid cells fall", () => {
    const rng = new Rng("planted");
    const boxes = randomBoxes(rng, 1000, 800);
    const planted: [number, number][] = [];
    for (let k = 0; k < 300; k++) {
      const a = rng.pick(sizes),
        b = rng.pick(sizes);
      const theta = rng.range(0, 2 * Math.PI),
        cx = rng.range(0, 800),
        cy = rng.range(0, 800);
      const side = rng.chance(0.5) ? "front" : "left";
      const local = placeAgainst(a, b, rng.range(0, 2 * Math.PI), side, 0, 0);
      const w = toWorld(local, cx, cy, theta);
      const ia = boxes.add(5000 + 2 * k, cx, cy, theta, a.l, a.w);
      const ib = boxes.add(5001 + 2 * k, w.x, w.y, w.h, b.l, b.w);
      planted.push([ia, ib]);
    }
    const fast = new CollisionPairs(),
      slow = new CollisionPairs();
    detectCollisions(boxes, fast, new CollisionScratch());
    detectCollisionsBruteForce(boxes, slow);
    const found = fast.toArray();
    expect(found).toEqual(slow.toArray());
    const keys = new Set(found.map(([i, j]) => `${i},${j}`));
    for (const [i, j] of planted) expect(keys.has(`${i},${j}`)).toBe(true);
  });

  it("writes pairs i < j sorted, independent of the hash (same boxes, shifted world)", () => {
    const rng = new Rng("order");
    const boxes = randomBoxes(rng, 500, 120);
    const pairs = new CollisionPairs();
    detectCollisions(boxes, pairs, new CollisionScratch());
    const list = pairs.toArray();
    for (let k = 0; k < list.length; k++) {
      expect(list[k][0]).toBeLessThan(list[k][1]);
      if (k > 0)
        expect(list[k - 1][0] < list[k][0] || (list[k - 1][0] === list[k][0] && list[k - 1][1] < list[k][1])).toBe(
          true,
        );
    }
    // Shifting the world by whole metres moves boxes between cells and buckets, not the answer.
    for (let i = 0; i < boxes.count; i++) {
      boxes.x[i] += 12345;
      boxes.y[i] -= 6789;
    }
    const shifted = new CollisionPairs();
    detectCollisions(boxes, shifted, new CollisionScratch());
    expect(shifted.toArray()).toEqual(list);
  });
});

describe("detectCollisions: buffers", () => {
  it("allocates nothing per step once warm (arrays keep their identity)", () => {
    const rng = new Rng("steady");
    const boxes = randomBoxes(rng, 800, 200);
    const pairs = new CollisionPairs();
    const scratch = new CollisionScratch();
    detectCollisions(boxes, pairs, scratch);
    const before = [pairs.data, scratch._cos, scratch._items, scratch._bucketStart, scratch._hits, boxes.x];
    for (let step = 0; step < 20; step++) {
      for (let i = 0; i < boxes.count; i++) boxes.x[i] += rng.range(-0.05, 0.05);
      detectCollisions(boxes, pairs, scratch);
    }
    const after = [pairs.data, scratch._cos, scratch._items, scratch._bucketStart, scratch._hits, boxes.x];
    after.forEach((array, k) => expect(array).toBe(before[k]));
  });

  it("handles fewer than two boxes, grows for more, and reuses after clear", () => {
    const boxes = new VehicleBoxes({ initialCapacity: 1 });
    const pairs = new CollisionPairs({ initialCapacity: 1 });
    const scratch = new CollisionScratch();
    expect(detectCollisions(boxes, pairs, scratch)).toBe(0);
    boxes.add(7, 0, 0, 0, 4, 2);
    expect(detectCollisions(boxes, pairs, scratch)).toBe(0);
    for (let i = 0; i < 9; i++) boxes.add(8 + i, 0.1 * i, 0, 0, 4, 2); // ten boxes on one spot
    expect(boxes.capacity).toBeGreaterThanOrEqual(10);
    expect(detectCollisions(boxes, pairs, scratch)).toBe(45);
    boxes.clear();
    boxes.add(1, 0, 0, 0, 4, 2);
    boxes.add(2, 10, 0, 0, 4, 2);
    expect(detectCollisions(boxes, pairs, scratch)).toBe(0);
  });

  it("names the vehicle with a non-finite box", () => {
    const boxes = new VehicleBoxes();
    boxes.add(3, 0, 0, 0, 4, 2);
    boxes.add(42, Number.NaN, 0, 0, 4, 2);
    expect(() => detectCollisions(boxes, new CollisionPairs(), new CollisionScratch())).toThrow(/vehicle 42/);
  });
});
