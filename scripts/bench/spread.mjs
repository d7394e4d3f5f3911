/**
 * @typedef {object} Spread
 * @property {number} median
 * @property {number} min
 * @property {number} max
 */

/**
 * Median, min and max of some numbers; undefined when there are none (a metric that was not measured).
 * The median of an even count is the mean of the middle two.
 *
 * @param {readonly (number | undefined)[]} values
 * @returns {Spread | undefined}
 * @example
 * spread([3, 1, 2]); // → { median: 2, min: 1, max: 3 }
 */
export function spread(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (numbers.length === 0 || numbers.length !== values.length) return undefined;
  const middle = numbers.length >> 1;
  const median = numbers.length % 2 === 1 ? numbers[middle] : ((numbers[middle - 1] ?? 0) + (numbers[middle] ?? 0)) / 2;
  return { median: /** @type {number} */ (median), min: /** @type {number} */ (numbers[0]), max: /** @type {number} */ (numbers.at(-1)) };
}
