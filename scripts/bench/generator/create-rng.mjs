import { createHash } from 'node:crypto';

/**
 * @typedef {object} Rng
 * @property {() => number} next Uniform float in [0, 1).
 * @property {(min: number, max: number) => number} int Uniform integer in [min, max] (both inclusive).
 * @property {<T>(items: readonly T[]) => T} pick One element, uniformly.
 * @property {(probability: number) => boolean} chance True with the given probability.
 */

/**
 * A seeded pseudo-random generator (sfc32 seeded from sha256 of the seed string).
 * The same seed always gives the same sequence on every platform: the corpus never touches Math.random.
 *
 * @param {string} seed
 * @returns {Rng}
 * @example
 * const rng = createRng('feedpub-bench:1000');
 * rng.int(1, 4); // → the same number on every run
 */
export function createRng(seed) {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);

  const nextUint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes poorly for its first few rounds.
  for (let i = 0; i < 16; i += 1) nextUint32();

  const next = () => nextUint32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return /** @type {any} */ (items[Math.floor(next() * items.length)]);
    },
    chance: (probability) => next() < probability,
  };
}

/**
 * A Zipf-like sampler over `count` ranks: rank k (0-based) has weight 1 / (k + 1)^exponent.
 *
 * @param {number} count
 * @param {number} exponent
 * @returns {(rng: Rng) => number} A function returning a rank in [0, count).
 * @example
 * const rank = zipfSampler(20, 1)(rng); // 0 is the most frequent rank
 */
export function zipfSampler(count, exponent) {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k += 1) {
    total += 1 / (k + 1) ** exponent;
    cumulative[k] = total;
  }
  return (rng) => {
    const target = rng.next() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (/** @type {number} */ (cumulative[middle]) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
