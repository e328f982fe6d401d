/**
 * Test helpers for the scenario compiler (used by the `*.test.ts` files beside it): compact scenario
 * sources on a generated map, and diagnostics as `line:col: severity: message` strings.
 */
import { compileScenario, type CompileOptions, type CompileResult } from "./compileScenario.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";

/** The default test map: one road `main`, 3 lanes of 200 m. */
export const TEST_MAP = "map straight { lanes 3  length 200 m }";

/**
 * A scenario: line 1 `scenario "t" {`, line 2 the map, the body from line 3 on (so a body line's
 * number is its index + 3).
 */
export function scenarioSource(body: string, map = TEST_MAP): string {
  return `scenario "t" {\n  ${map}\n${body}\n}\n`;
}

/** Compiles `src` as `t.scn`. */
export function compileTest(src: string, options: CompileOptions = {}): CompileResult {
  return compileScenario(src, "t.scn", options);
}

/** The diagnostics of compiling `src`, as `line:col: severity: message`. */
export function diagnosticsOf(src: string, options: CompileOptions = {}): string[] {
  return compileTest(src, options).diagnostics.map(
    (d) => `${d.location.start.line}:${d.location.start.column}: ${d.severity}: ${d.message}`,
  );
}

/** Compiles `src` and returns the scenario; throws with the diagnostics if it fails. */
export function compiled(src: string, options: CompileOptions = {}): CompiledScenario {
  const r = compileTest(src, options);
  if (!r.ok)
    throw new Error(
      `expected the scenario to compile:\n${r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column}: ${d.message}`).join("\n")}`,
    );
  return r.scenario;
}

/**
 * A large scenario of about `lines` lines on a generated four-way intersection: drivers, vehicle
 * types, flows between every pair of arms, trips, learning and social agents, bubbles — for the
 * compile-time benchmark.
 */
export function bigScenario(lines = 2000): string {
  const arms = ["north", "east", "south", "west"];
  const out: string[] = [
    "// Generated benchmark scenario.",
    'scenario "big" {',
    "  seed 1",
    "  step 0.1 s",
    "  duration 1 h",
    "  map intersection { lanes 3  arm_length 300 m  signals on }",
  ];
  for (let i = 0; i < 10; i++)
    out.push(
      `  driver d${i} { speed_factor normal(${(0.8 + i / 50).toFixed(2)}, 0.1)  headway uniform(1 s, 2 s)  politeness ${i / 10} }`,
    );
  for (let i = 0; i < 10; i++)
    out.push(`  vehicle_type v${i} { base passenger  length ${4 + i / 10} m  max_speed ${100 + i} km/h }`);
  out.push("  traffic {");
  let n = 0;
  const budget = lines - 40;
  while (out.length < budget * 0.55) {
    const a = arms[n % 4];
    const b = arms[(n + 1 + ((n >> 2) % 3)) % 4];
    out.push(
      `    flow f${n} {`,
      `      route ${a}_in:${n % 3}@${n % 90} -> ${b}_out:${(n >> 1) % 3}@end`,
      `      rate ${10 + (n % 50)} veh/h  begin ${n % 60} s  end 1 h`,
      `      drivers { d${n % 10}: 1, d${(n + 3) % 10}: 2 }  vehicles { v${n % 10}: 3, truck: 1 }`,
      "    }",
    );
    out.push(`    trip t${n} { route ${b}_in:0@${n % 50} -> ${a}_out:0@end  depart ${n} s }`);
    n++;
  }
  out.push("  }");
  let k = 0;
  while (out.length < budget * 0.9) {
    const a = arms[k % 4];
    const b = arms[(k + 2) % 4];
    out.push(
      `  agent a${k} {`,
      `    mission ${a}_in:${k % 3}@${k % 80} -> ${b}_out:${k % 3}@${50 + (k % 100)}`,
      "    action lane  max_steps 1000",
      "    observe { neighbours radius 50 m max 8  waypoints lookahead 50 }",
      "  }",
    );
    out.push(`  social s${k} { zoo "keep-lane@v0" { speed 50 km/h }  mission ${b}_in:0@${k % 80} -> ${a}_out:0@end }`);
    k++;
  }
  let b = 0;
  while (out.length < lines - 1) {
    out.push(
      `  bubble b${b} { zone road ${arms[b % 4]}_in from ${b % 100} m length 50 m  margin 5 m  actor zoo "idm-mobil@v1" { politeness 0.${b % 10} }  limits { hijack 3  shadow 5 } }`,
    );
    b++;
  }
  out.push("}");
  return out.join("\n") + "\n";
}
