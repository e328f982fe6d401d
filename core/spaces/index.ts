/** Observation and action spaces. */
export { Box, type BoxOptions } from "./Box.js";
export { Dict } from "./Dict.js";
export { Discrete } from "./Discrete.js";
export { Sequence } from "./Sequence.js";
export { showValue, type Space } from "./Space.js";
