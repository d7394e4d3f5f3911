import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecord, recordFrom } from '../../../src/util/record.js';

/** Keys that exercise the object model: prototype names, integer-like keys, empty and arbitrary strings. */
const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '12', '', 'tags/go/'), fc.string());

describe('recordFrom', () => {
  it('makes the object Object.fromEntries makes: same own keys in the same order, same values, same prototype', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 300 }), (entries) => {
        const expected = Object.fromEntries(entries);
        const actual = recordFrom(entries);
        expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
        expect(Reflect.ownKeys(actual)).toEqual(Reflect.ownKeys(expected));
        for (const k of Object.keys(expected)) expect(Object.getOwnPropertyDescriptor(actual, k)).toEqual(Object.getOwnPropertyDescriptor(expected, k));
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
    );
  });

  it('keeps __proto__ an own, enumerable key and leaves the prototype alone', () => {
    const record = recordFrom<unknown>([
      ['__proto__', { polluted: true }],
      ['a', 1],
    ]);
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(Object.keys(record)).toEqual(['__proto__', 'a']);
    expect((record as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('isRecord', () => {
  it('is true of any object but null and an array (a Date too: callers that refuse one check for it)', () => {
    expect([{}, { a: 1 }, Object.create(null), new Date(0)].map(isRecord)).toEqual([true, true, true, true]);
    expect([null, undefined, [], [1], 'a', 1, true].map(isRecord)).toEqual([false, false, false, false, false, false, false]);
  });
});
