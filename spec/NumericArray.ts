/**
 * The typed arrays that carry vectors in observations and actions, and the check that tells one from
 * any other value — `ArrayBuffer.isView` alone also admits a `DataView`, which has no elements to
 * copy, and the BigInt arrays.
 */

/** A typed array of numbers. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/** Whether `value` is a {@link NumericArray}. */
export function isNumericArray(value: unknown): value is NumericArray {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
