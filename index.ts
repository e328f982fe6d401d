/**
 * The `roadgym` package: its public API, listed by name (`import { makeEnv } from "roadgym"`).
 * Everything else in the package is internal and may change. docs/package-api.md says why each
 * name is here.
 */

// ---- environments: one way to build them (compose/) -------------------------------------------
export { makeEnv } from "./compose/makeEnv.js";
export type { MakeEnvOptions, SocialAgentOptions } from "./compose/makeEnv.js";
export { makeSingleAgentEnv } from "./compose/makeSingleAgentEnv.js";
export type { MakeSingleAgentEnvOptions } from "./compose/makeSingleAgentEnv.js";
export { RoadgymEnv } from "./compose/RoadgymEnv.js";
export type { EnvOutputs } from "./compose/RoadgymEnv.js";
export { ScenarioError } from "./compose/loadScenario.js";
export type { CompiledWithNetwork, ScenarioSource } from "./compose/loadScenario.js";
export { scenarioNames } from "./compose/namedScenarios.js";
export type { TrafficChoice } from "./compose/buildProviders.js";
export { PolicyDriver, defaultDriver } from "./compose/PolicyDriver.js";
export type { AgentPolicy, AgentPolicyFactory } from "./compose/PolicyDriver.js";
export { runScenario } from "./compose/runScenario.js";
export type { RunScenarioOptions, RunSummary } from "./compose/runScenario.js";

// ---- the environment API (core/env) -----------------------------------------------------------
export { ParallelEnv } from "./core/env/ParallelEnv.js";
export type {
  AgentInfo,
  AgentObserver,
  ObserverFactory,
  ParallelEnvOptions,
  ResetResult,
  StepResult,
} from "./core/env/ParallelEnv.js";
export { SingleAgentEnv } from "./core/env/SingleAgentEnv.js";
export type { SingleAgentEnvOptions, SingleStepResult } from "./core/env/SingleAgentEnv.js";
export { standardObserver } from "./core/env/observationObserver.js";
export { progressReward } from "./core/env/rewards.js";
export type { RewardContext, RewardFunction } from "./core/env/rewards.js";
export type { ResetOptions, AgentStepResult } from "./core/simulation/Simulation.js";

// ---- spaces, actions, observations --------------------------------------------------------------
export { Box, Dict, Discrete, Sequence } from "./core/spaces/index.js";
export type { Space } from "./core/spaces/Space.js";
export { ActionError } from "./core/controllers/actionSpaces.js";
export { LANE_ACTIONS } from "./core/controllers/applyLaneAction.js";
export type { LaneAction } from "./core/controllers/applyLaneAction.js";
export type { AgentObservation } from "./core/observations/AgentObservation.js";
export { vectorLayout, vectorLength } from "./core/observations/vectorLayout.js";
export type { VectorElement } from "./core/observations/vectorLayout.js";
export { Rng } from "./core/random/Rng.js";

// ---- plug-in contracts --------------------------------------------------------------------------
export type { TrafficProvider, ProviderVehicleState, HandoverVehicle } from "./core/simulation/TrafficProvider.js";
export type { FrameSink } from "./core/simulation/FrameSink.js";
export type { SimFrame } from "./core/simulation/SimFrame.js";
export type { SimEvent } from "./core/simulation/SimEvent.js";

// ---- the agent zoo ------------------------------------------------------------------------------
export { Zoo } from "./agent-zoo/Zoo.js";
export { createDefaultZoo } from "./agent-zoo/defaultZoo.js";
export { zooEntry } from "./agent-zoo/ZooEntry.js";
export type { ZooContext, ZooEntry } from "./agent-zoo/ZooEntry.js";
export { directSpec, actFromObservation } from "./agent-zoo/AgentSpec.js";
export type { AgentSpec, Policy } from "./agent-zoo/AgentSpec.js";
export { observationConfig } from "./agent-zoo/observationConfig.js";
export { KeepLanePolicy, keepLaneObservation } from "./agent-zoo/policies/KeepLanePolicy.js";
export { IdmMobilPolicy } from "./agent-zoo/policies/IdmMobilPolicy.js";
export { defaultDriverObservation, makeDefaultDriver } from "./agent-zoo/defaultDriver.js";

// ---- the scenario compiler and its output -------------------------------------------------------
export { compileScenario, compileScenarioFile, formatDiagnostics } from "./scenario-dsl/index.js";
export type { CompileOptions, CompileResult, Diagnostic } from "./scenario-dsl/index.js";
export { CompiledScenarioSchema, ACTION_SPACES } from "./spec/CompiledScenario.js";
export type { ActionSpace, AgentInterface, CompiledScenario, Observation } from "./spec/CompiledScenario.js";
export type { RoadNetwork } from "./core/road/RoadNetwork.js";

// ---- replays ------------------------------------------------------------------------------------
export { ReplayWriter } from "./replay/ReplayWriter.js";
export type { ReplayWriterOptions } from "./replay/ReplayWriter.js";
export { ReplayReader } from "./replay/ReplayReader.js";
export { openReplayFile } from "./replay/FileByteSource.js";
export type { ReplayHeader } from "./replay/ReplayHeader.js";
export type { ReplayFrame } from "./replay/ReplayFrame.js";

// ---- metrics and the benchmark runner -----------------------------------------------------------
export { runBenchmark } from "./metrics/runner/runBenchmark.js";
export type { BenchmarkResult, RunBenchmarkOptions } from "./metrics/runner/runBenchmark.js";
export { loadSuite, SuiteError } from "./metrics/runner/BenchmarkSuite.js";
export type { BenchmarkSuite } from "./metrics/runner/BenchmarkSuite.js";
export { writeReport } from "./metrics/report/writeReport.js";
export { agentEpisodeMetrics } from "./metrics/agentEpisodeMetrics.js";
export type { AgentEpisodeMetrics } from "./metrics/agentEpisodeMetrics.js";

// ---- training -----------------------------------------------------------------------------------
export { runTraining } from "./learning/train/runTraining.js";
export type { TrainProgress } from "./learning/train/runTraining.js";
export { TrainConfigSchema } from "./learning/train/TrainConfig.js";
export type { TrainConfig } from "./learning/train/TrainConfig.js";
export { ALGORITHMS } from "./learning/train/makeLearner.js";
export type { AlgorithmName } from "./learning/train/makeLearner.js";
