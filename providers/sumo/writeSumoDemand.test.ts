import { describe, expect, it } from "vitest";
import { compileTestScenario, DEMAND_SCENARIO } from "./sumoProviderTestSupport.js";
import { mean, sumoSpeedFactor, sumoTypeId, writeSumoDemand } from "./writeSumoDemand.js";

function plan(carFollowModel: "IDM" | "Krauss" = "IDM", earliestDepartS?: number) {
  const { scenario, network } = compileTestScenario(DEMAND_SCENARIO);
  return writeSumoDemand({
    traffic: scenario.traffic,
    vehicleTypes: scenario.vehicleTypes,
    drivers: scenario.drivers,
    network,
    durationS: scenario.durationS,
    carFollowModel,
    earliestDepartS,
  });
}

/** The XML element of `tag` whose id is `id`. */
function element(xml: string, tag: string, id: string): string {
  const m = new RegExp(`<${tag} id="${id.replace(/[.:]/g, "\\$&")}"[^>]*>`).exec(xml);
  if (!m) throw new Error(`no <${tag} id="${id}"> in\n${xml}`);
  return m[0];
}

describe("writeSumoDemand", () => {
  it("defines a vType per vehicle type with the default driver, and per type × driver a flow or trip uses", () => {
    const { xml, scenarioTypeBySumoType } = plan();
    for (const t of ["passenger", "bus", "truck", "trailer", "motorcycle", "pedestrian", "van"]) {
      expect(scenarioTypeBySumoType.get(sumoTypeId(t))).toBe(t);
    }
    expect(scenarioTypeBySumoType.get("roadgym:van:calm")).toBe("van");
    expect(scenarioTypeBySumoType.get("roadgym:bus:calm")).toBe("bus");
    const calmVan = element(xml, "vType", "roadgym:van:calm");
    expect(calmVan).toContain(`vClass="delivery"`);
    expect(calmVan).toContain(`length="5.5"`);
    expect(calmVan).toContain(`tau="1.5"`);
    expect(calmVan).toContain(`minGap="3"`);
    expect(calmVan).toContain(`decel="3"`);
    expect(calmVan).toContain(`accel="1.3"`); // the driver's 2 m/s², capped by the truck base's 1.3
    expect(calmVan).toContain(`speedFactor="normc(0.9,0.1,0.2,2)"`);
    expect(calmVan).toContain(`lcCooperative="0.8"`);
    expect(calmVan).toContain(`carFollowModel="IDM"`);
    expect(calmVan).not.toContain("sigma");
    expect(element(plan("Krauss").xml, "vType", "roadgym:van:calm")).toContain(`sigma="0"`);
  });

  it("writes fixed-route flows as SUMO flows, a count as the end just after the count-th departure", () => {
    const { xml } = plan();
    const late = element(xml, "flow", "late");
    // 360 veh/h from 30 s: departures at 30, 40, 50, 60 s; the 4th is the last.
    expect(late).toContain(`begin="30" end="65" vehsPerHour="360"`);
    expect(late).toContain(`departLane="0" departPos="10" departSpeed="8" arrivalLane="0" arrivalPos="max"`);
    expect(xml).toContain(`<flow id="late" type="roadgym:passenger:default"`);
    expect(xml).toMatch(/<flow id="late"[^>]*>\s*<route edges="gneE1 gneE5"\/>/);
    // Without an end: the episode's.
    const mixed = element(xml, "flow", "mixed");
    expect(mixed).toContain(`type="roadgym:flow:mixed"`);
    expect(mixed).toContain(`end="120" vehsPerHour="60"`);
    expect(mixed).toContain(`departSpeed="max"`);
    expect(mixed).toContain(`arrivalPos="20"`);
    expect(xml).toContain(
      `<vTypeDistribution id="roadgym:flow:mixed" vTypes="roadgym:passenger:default roadgym:passenger:calm roadgym:van:default roadgym:van:calm" probabilities="0.375 0.375 0.125 0.125"/>`,
    );
    const coin = element(xml, "flow", "coin");
    expect(coin).toContain(`number="3" probability="0.2"`);
    expect(coin).not.toContain("end=");
    expect(coin).toContain(`departLane="random" departPos="random"`);
    expect(coin).toContain(`arrivalLane="random" arrivalPos="random"`);
  });

  it("holds departures due before earliestDepartS until then (agents' ghosts go in first)", () => {
    const { xml } = plan("IDM", 0.1);
    expect(element(xml, "flow", "mixed")).toContain(`begin="0.1" end="120"`);
    // Later ones keep their times.
    expect(element(xml, "flow", "late")).toContain(`begin="30" end="65"`);
    expect(element(xml, "vehicle", "bus7")).toContain(`depart="5"`);
    expect(element(plan().xml, "flow", "mixed")).toContain(`begin="0" end="120"`);
  });

  it("writes trips as vehicles and lists everything in time order", () => {
    const { xml } = plan();
    const bus = element(xml, "vehicle", "bus7");
    expect(bus).toContain(`type="roadgym:bus:calm" depart="5"`);
    expect(bus).toContain(`departSpeed="max"`);
    const at = (s: string) => xml.indexOf(s);
    expect(at(`<flow id="mixed"`)).toBeLessThan(at(`<vehicle id="bus7"`));
    expect(at(`<vehicle id="bus7"`)).toBeLessThan(at(`<flow id="late"`));
    expect(at(`<vTypeDistribution`)).toBeLessThan(at(`<flow id="mixed"`));
  });

  it("leaves random routes, and probabilities with both a count and an end, to the provider", () => {
    const { xml, spawnedFlows } = plan();
    expect(spawnedFlows.map((f) => f.id)).toEqual(["capped", "flow4"]);
    expect(xml).not.toContain(`id="capped"`);
    expect(xml).not.toContain(`id="flow4"`);
  });

  it("turns distributions into means and SUMO speed factors", () => {
    expect(mean({ kind: "uniform", min: 1, max: 3 })).toBe(2);
    expect(mean({ kind: "choice", values: [1, 2, 6] })).toBe(3);
    expect(sumoSpeedFactor({ kind: "const", value: 1.1 })).toBe("1.1");
    expect(sumoSpeedFactor({ kind: "normal", mean: 1, sd: 0 })).toBe("1");
    expect(sumoSpeedFactor({ kind: "normal", mean: 2.5, sd: 0.1 })).toBe("normc(2.5,0.1,0.2,2.5)");
    expect(sumoSpeedFactor({ kind: "uniform", min: 0.8, max: 1.2 })).toMatch(/^normc\(1,0\.115\d*,0\.8,1\.2\)$/);
    expect(sumoSpeedFactor({ kind: "choice", values: [0.8, 1.2] })).toBe("1");
  });
});
