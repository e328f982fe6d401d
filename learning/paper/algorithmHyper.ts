/**
 * The hyper-parameters `train:paper` gives each algorithm other than the configs' PPO
 * (learning/paper/<column>.json) on the SMARTS paper's columns.
 */
import type { AlgorithmName } from "../train/makeLearner.js";

/** PPO's settings in the configs, which the PPO family (IPPO, MAPPO, HAPPO) keeps. */
const PPO_LIKE = {
  numSteps: 64,
  minibatchSize: 1024,
  updateEpochs: 4,
  learningRate: 0.0005,
  entCoef: 0.01,
  hidden: [64, 64],
};

/** COMA, MAAC, MFAC: PPO's batch, the actor's passes clipped as PPO's, the critic's own rate. */
const COUNTERFACTUAL = {
  numSteps: 64,
  minibatchSize: 1024,
  actorEpochs: 4,
  criticEpochs: 4,
  actorLearningRate: 0.0005,
  criticLearningRate: 0.001,
  entCoef: 0.01,
  hidden: [64, 64],
  criticHidden: [64, 64],
  agentIds: false,
};

/** VDN, QMIX: DQN's replay and exploration, one Q-network for every agent. */
const VALUE_DECOMPOSITION = {
  learningRate: 0.0005,
  bufferSize: 100_000,
  batchSize: 128,
  gamma: 0.99,
  learningStarts: 5_000,
  trainFrequency: 4,
  targetUpdateInterval: 2_000,
  explorationSteps: 100_000,
  hidden: [64, 64],
  agentIds: false,
  stepsPerIteration: 64,
};

export const ALGORITHM_HYPER: Readonly<Record<Exclude<AlgorithmName, "ppo">, Record<string, unknown>>> = {
  ippo: { ...PPO_LIKE, agentIds: false },
  mappo: { ...PPO_LIKE, agentIds: false },
  maa2c: { numSteps: 16, learningRate: 0.0007, entCoef: 0.01, hidden: [64, 64], agentIds: false },
  happo: { ...PPO_LIKE, criticLearningRate: 0.0005, sharePolicy: true, agentIds: false },
  coma: { ...COUNTERFACTUAL, teamReward: true },
  maac: { ...COUNTERFACTUAL, attentionDim: 64, heads: 4 },
  mfac: COUNTERFACTUAL,
  commnet: {
    numSteps: 64,
    minibatchSize: 1024,
    updateEpochs: 4,
    learningRate: 0.0005,
    entCoef: 0.01,
    hiddenDim: 64,
    commSteps: 2,
  },
  dqn: {
    learningRate: 0.0005,
    bufferSize: 100_000,
    batchSize: 256,
    gamma: 0.99,
    learningStarts: 5_000,
    trainFrequency: 4,
    targetUpdateInterval: 2_000,
    explorationSteps: 100_000,
    hidden: [64, 64],
    stepsPerIteration: 64,
  },
  vdn: VALUE_DECOMPOSITION,
  qmix: { ...VALUE_DECOMPOSITION, mixingEmbedDim: 32, hypernetHidden: 64 },
  maddpg: {
    shareActors: true,
    gamma: 0.99,
    tau: 0.01,
    bufferSize: 50_000,
    batchSize: 256,
    learningStarts: 5_000,
    trainFrequency: 4,
    hidden: [64, 64],
    stepsPerIteration: 64,
    gumbelTemperature: 1,
  },
};
