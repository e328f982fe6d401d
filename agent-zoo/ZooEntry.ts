/**
 * One entry of the agent zoo: a versioned policy factory. Parameters are a strict zod object whose
 * keys are the names a scenario writes (`zoo "idm-mobil@v1" { politeness 0.2 }`: snake_case, values
 * already in SI) and whose defaults are the entry's defaults; `make` gets them validated and
 * completed.
 */
import type { z } from "zod";
import type { PolicyViaPoint } from "../core/agents/SocialPolicy.js";
import type { VehicleType } from "../spec/VehicleType.js";
import type { AgentSpec } from "./AgentSpec.js";

/** What a factory knows about the agent it makes a policy for. */
export interface ZooContext {
  /** The agent's id (for messages). */
  readonly agentId: string;
  /** The vehicle it drives (dimensions and limits). */
  readonly vehicleType: VehicleType;
  /** Step length (s). */
  readonly dtS: number;
  /** Folder that relative file paths (locators, file parameters) start from: the scenario's. */
  readonly baseDir: string;
  /** The mission's via points, world frame (empty without any). */
  readonly viaPoints: readonly PolicyViaPoint[];
  /** A seed from the simulation's RNG for this agent (stochastic policies). */
  readonly seed: number;
}

/** A versioned policy factory. */
export interface ZooEntry<S extends z.ZodObject = z.ZodObject> {
  /** Entry name: lowercase, digits, `-`, `_`, `.` (the locator's part before `@`). */
  readonly name: string;
  /** Version (the locator's `@vN`). */
  readonly version: number;
  /** One line on what it does. */
  readonly summary: string;
  /** Parameters: a strict zod object with defaults (keys as scenarios write them). */
  readonly params: S;
  /** The action space it answers in, in words (`lane_with_continuous_speed`, or `any (parameter action)`). */
  readonly actionSpace: string;
  /** Observation parts it reads. */
  readonly observes: readonly string[];
  /** Makes an agent spec for validated parameters. */
  make(params: z.output<S>, context: ZooContext): AgentSpec | Promise<AgentSpec>;
}

/** Helper that keeps the parameter type of an entry literal. */
export function zooEntry<S extends z.ZodObject>(entry: ZooEntry<S>): ZooEntry<S> {
  return entry;
}
