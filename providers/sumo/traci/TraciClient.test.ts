/**
 * The TraCI client against the real SUMO (skipped only when `sumo` is not on PATH; CI installs it) on
 * a generated 3 × 3 traffic-light grid: A0 at the origin, "A0B0" runs east along y ≈ −1.6 from
 * x = 3.2 to 92.8 (lane A0B0_0), "A0A1" runs north.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SUMO_NOT_FOUND_MESSAGE, SumoProcess } from "./SumoProcess.js";
import { TraciClient } from "./TraciClient.js";
import { SimulationVar, TRACI_API_VERSION, VehicleVar } from "./traciConstants.js";
import { findFreePort } from "./findFreePort.js";
import { type GridNetworkFiles, isOnPath, writeGridNetwork } from "./sumoTestSupport.js";
import { sumoAngleToHeadingRad } from "./sumoPose.js";
import type { TraciPoint2D } from "./TraciStorage.js";

const STEP_S = 0.1;
/** x of the start of lane A0B0_0 (the junction A0's edge), metres. */
const A0B0_START_X = 3.2;
/** y of lane A0B0_0's centre line, metres. */
const A0B0_Y = -1.6;

/** True while the OS still knows the process (a zombie counts). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("TraciClient without a SUMO binary", () => {
  it("says how to install SUMO when the binary is missing", async () => {
    const launch = TraciClient.launch({
      netFile: "net.net.xml",
      stepLengthS: STEP_S,
      seed: 0,
      sumoBinary: "/nonexistent/sumo",
    });
    await expect(launch).rejects.toThrow(SUMO_NOT_FOUND_MESSAGE);
    await expect(launch).rejects.toThrow(/\/nonexistent\/sumo/);
  });

  it("validates its options before starting anything", async () => {
    await expect(TraciClient.launch({ netFile: "", stepLengthS: STEP_S, seed: 0 })).rejects.toThrow();
    await expect(TraciClient.launch({ netFile: "n", stepLengthS: -1, seed: 0 })).rejects.toThrow();
    await expect(TraciClient.launch({ netFile: "n", stepLengthS: STEP_S, seed: 0.5 })).rejects.toThrow();
  });
});

describe.skipIf(!isOnPath("sumo"))("TraciClient with SUMO", () => {
  let dir: string;
  let files: GridNetworkFiles;
  const clients: TraciClient[] = [];
  const processes: SumoProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "roadgym-traci-"));
    files = writeGridNetwork(dir);
  });

  afterEach(async () => {
    // Never leave a SUMO behind, whatever the test did.
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(processes.splice(0).map((p) => p.kill()));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function launch(): Promise<TraciClient> {
    const client = await TraciClient.launch({
      netFile: files.netFile,
      routeFiles: [files.routesFile],
      stepLengthS: STEP_S,
      seed: 42,
    });
    clients.push(client);
    return client;
  }

  /** Adds vehicle `id` of type "car" on a route through `edges` and steps once so it is inserted. */
  async function addCar(
    client: TraciClient,
    id: string,
    edges: string[],
    departSpeed: number | string = 0,
  ): Promise<void> {
    await client.addRoute(`route_${id}`, edges);
    await client.addVehicle(id, `route_${id}`, "car", "now", 0, "base", departSpeed);
  }

  it("launches, checks the version, and closes with SUMO exiting cleanly", async () => {
    const client = await launch();
    expect(await client.getVersion()).toEqual({
      apiVersion: TRACI_API_VERSION,
      sumoVersion: expect.stringMatching(/^SUMO 1\./),
    });
    expect(await client.simulationTimeS()).toBe(0);
    await client.simulationStep();
    expect(await client.simulationTimeS()).toBeCloseTo(STEP_S);
    await client.simulationStep(2);
    expect(await client.simulationTimeS()).toBeCloseTo(2);
    const proc = client.process!;
    await client.close();
    expect(proc.exitDescription).toBe("exit code 0");
    expect(processExists(proc.pid!)).toBe(false);
    await client.close(); // idempotent
  });

  it("drives an added vehicle and reports it through subscriptions every step", async () => {
    const client = await launch();
    expect(await client.subscribeSimulation()).toEqual({
      [SimulationVar.departedIds]: [],
      [SimulationVar.arrivedIds]: [],
    });
    await addCar(client, "v", ["A0B0", "B0C0"]);

    const first = await client.simulationStep();
    expect(first.simulation[SimulationVar.departedIds]).toEqual(["v"]);
    expect(await client.vehicleIds()).toEqual(["v"]);
    const initial = await client.subscribeVehicle("v", [VehicleVar.position, VehicleVar.speed, VehicleVar.angle]);
    expect(initial[VehicleVar.position]).toEqual(await client.vehiclePosition("v"));

    const positions: TraciPoint2D[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await client.simulationStep();
      const vars = r.vehicles.v;
      expect(Object.keys(vars).map(Number).sort()).toEqual([VehicleVar.speed, VehicleVar.position, VehicleVar.angle]);
      positions.push(vars[VehicleVar.position] as TraciPoint2D);
      expect(r.simulation[SimulationVar.departedIds]).toEqual([]);
    }
    const last = positions[positions.length - 1];
    expect(last.x).toBeGreaterThan(positions[0].x + 5); // eastbound
    expect(last.y).toBeCloseTo(A0B0_Y);
    expect(await client.vehicleSpeed("v")).toBeGreaterThan(0);
    expect(await client.vehicleAngle("v")).toBeCloseTo(90); // east = 90° clockwise from north
    expect(await client.vehicleTypeId("v")).toBe("car");
    expect(await client.vehicleLength("v")).toBe(5);
    expect(await client.vehicleWidth("v")).toBe(1.8);
    expect(await client.vehicleRoadId("v")).toBe("A0B0");
    expect(await client.vehicleLaneId("v")).toBe("A0B0_0");
    expect(await client.vehicleLaneIndex("v")).toBe(0);
    expect(await client.vehicleRouteEdges("v")).toEqual(["A0B0", "B0C0"]);
    expect(await client.vehicleVariable("v", VehicleVar.position)).toEqual(last);
  });

  it("reports positions at the front bumper centre", async () => {
    const client = await launch();
    await addCar(client, "v", ["A0B0"]);
    await client.simulationStep();
    // departPos "base": the back bumper at the lane start, so the front is one length (+ SUMO's 0.1 m epsilon) in.
    const lanePos = await client.vehicleLanePosition("v");
    expect(lanePos).toBeCloseTo(5.1, 6);
    const p = await client.vehiclePosition("v");
    expect(p.x).toBeCloseTo(A0B0_START_X + lanePos, 6);
    expect(p.y).toBeCloseTo(A0B0_Y, 6);
  });

  it("reports compass angles: a northbound vehicle has angle 0", async () => {
    const client = await launch();
    await addCar(client, "n", ["A0A1"]);
    await client.simulationStep();
    const angle = await client.vehicleAngle("n");
    expect(angle).toBeCloseTo(0);
    expect(sumoAngleToHeadingRad(angle)).toBeCloseTo(Math.PI / 2);
  });

  it("lists vehicles in arrivedIds when they reach the end of their route", async () => {
    const client = await launch();
    await client.subscribeSimulation();
    await addCar(client, "v", ["A0B0"], "max");
    await client.simulationStep();
    await client.subscribeVehicle("v", [VehicleVar.speed]);
    let arrivedAtS = -1;
    for (let i = 0; i < 200 && arrivedAtS < 0; i++) {
      const r = await client.simulationStep();
      if ((r.simulation[SimulationVar.arrivedIds] as string[]).includes("v")) {
        arrivedAtS = await client.simulationTimeS();
        expect(r.vehicles.v).toBeUndefined();
      }
    }
    expect(arrivedAtS).toBeGreaterThan(0); // 89.6 m at ≤ 13.89 m/s: about 6.5 s
    expect(await client.vehicleIds()).toEqual([]);
  });

  it("moves a vehicle with moveToXY to within 0.5 m of the asked front-bumper point", async () => {
    const client = await launch();
    await addCar(client, "v", ["A0B0", "B0C0"]);
    for (let i = 0; i < 10; i++) await client.simulationStep();
    await client.moveToXY("v", "A0B0", 0, 60, A0B0_Y, 90, 1);
    await client.simulationStep(); // the move happens in the next step, replacing the vehicle's own motion
    const p = await client.vehiclePosition("v");
    expect(Math.hypot(p.x - 60, p.y - A0B0_Y)).toBeLessThan(0.5);
    expect(await client.vehicleLanePosition("v")).toBeCloseTo(60 - A0B0_START_X, 1);
  });

  it("removes a vehicle", async () => {
    const client = await launch();
    await addCar(client, "a", ["A0B0"]);
    await addCar(client, "b", ["A0A1"]);
    await client.simulationStep();
    await client.subscribeVehicle("a", [VehicleVar.position]);
    expect((await client.vehicleIds()).sort()).toEqual(["a", "b"]);
    await client.removeVehicle("a");
    expect(await client.vehicleIds()).toEqual(["b"]);
    const r = await client.simulationStep();
    expect(r.vehicles.a).toBeUndefined();
    await expect(client.vehiclePosition("a")).rejects.toThrow(/"a"/);
  });

  it("sets speed, speed mode, lane change mode and route", async () => {
    const client = await launch();
    await addCar(client, "v", ["A0B0", "B0C0"], "max");
    await client.simulationStep();
    await client.setSpeedMode("v", 0); // no acceleration or safety limits: the set speed applies at once
    await client.setLaneChangeMode("v", 0);
    await client.setSpeed("v", 5);
    await client.simulationStep();
    expect(await client.vehicleSpeed("v")).toBeCloseTo(5);
    await client.setRoute("v", ["A0B0", "B0B1"]);
    expect(await client.vehicleRouteEdges("v")).toEqual(["A0B0", "B0B1"]);
  });

  it("reads and sets traffic light states", async () => {
    const client = await launch();
    const ids = await client.trafficLightIds();
    expect(ids.sort()).toEqual(["A0", "A1", "A2", "B0", "B1", "B2", "C0", "C1", "C2"]);
    const state = await client.trafficLightState("B1");
    expect(state).toMatch(/^[rygGsuoO]+$/);
    const allRed = "r".repeat(state.length);
    await client.setTrafficLightState("B1", allRed);
    expect(await client.trafficLightState("B1")).toBe(allRed);
    await client.simulationStep();
    expect(await client.trafficLightState("B1")).toBe(allRed);
  });

  it("names the unknown vehicle in the error and stays usable", async () => {
    const client = await launch();
    await expect(client.vehicleSpeed("ghost")).rejects.toThrow(
      /^TraCI getVehicleVariable variable 0x40 of "ghost" failed: Vehicle 'ghost' is not known/,
    );
    await expect(client.subscribeVehicle("ghost", [VehicleVar.speed])).rejects.toThrow(/ghost/);
    await expect(client.addVehicle("x", "no-such-route")).rejects.toThrow(/no-such-route/);
    expect(await client.vehicleIds()).toEqual([]);
    await client.simulationStep();
  });

  it("frames commands longer than 255 bytes", async () => {
    const client = await launch();
    const longId = `veh_${"x".repeat(300)}`;
    await addCar(client, longId, ["A0B0"]);
    await client.simulationStep();
    expect(await client.vehicleIds()).toEqual([longId]);
    expect(Object.keys((await client.simulationStep()).vehicles)).toEqual([]);
    await client.subscribeVehicle(longId, [
      VehicleVar.position,
      VehicleVar.roadId,
      VehicleVar.laneId,
      VehicleVar.typeId,
    ]);
    expect((await client.simulationStep()).vehicles[longId][VehicleVar.roadId]).toBe("A0B0");
  });

  it("reports SUMO's own error when it cannot start, leaving no process", async () => {
    const launching = TraciClient.launch({ netFile: join(dir, "missing.net.xml"), stepLengthS: STEP_S, seed: 0 });
    await expect(launching).rejects.toThrow(/SUMO exited \(exit code 1\) during start-up[^]*missing\.net\.xml/);
  });

  it("fails fast when the port is taken by something that is not SUMO", async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const launching = TraciClient.launch({
        netFile: files.netFile,
        stepLengthS: STEP_S,
        seed: 0,
        port,
        connectTimeoutS: 1,
      });
      // SUMO cannot bind the taken port and exits, while the silent server would keep the handshake waiting.
      await expect(launching).rejects.toThrow(/SUMO exited \(exit code 1\) during start-up:[^]*Address already in use/);
    } finally {
      silent.close();
    }
  });

  it("reports a SUMO that died, with its exit status, and still closes", async () => {
    const client = await launch();
    await client.simulationStep();
    await client.process!.kill();
    await expect(client.simulationStep()).rejects.toThrow(
      /TraCI simulationStep.*(closed|error)[^]*SUMO killed by SIGKILL/,
    );
    await client.close();
  });

  it("connects to a SUMO started elsewhere", async () => {
    const port = await findFreePort();
    const proc = await SumoProcess.start("sumo", ["-n", files.netFile, "--remote-port", String(port), "--no-step-log"]);
    processes.push(proc);
    let client: TraciClient | null = null;
    for (let i = 0; i < 100 && !client; i++) {
      client = await TraciClient.connect("127.0.0.1", port).catch(() => null);
      if (!client) await new Promise((r) => setTimeout(r, 50));
    }
    expect(client).not.toBeNull();
    expect((await client!.getVersion()).apiVersion).toBe(TRACI_API_VERSION);
    await client!.simulationStep();
    await client!.close();
    expect(await proc.waitForExit(5000)).toBe(true);
  });
});
