import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyKey } from '../../../src/util/property-key.js';

describe('propertyKey', () => {
  it('is the very same string value, whatever it is', () => {
    for (const name of ['tags', '', '0', '123', '__proto__', 'constructor', 'toString', '新闻', '\uD800']) expect(propertyKey(name)).toBe(name);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        expect(propertyKey(name)).toBe(name);
      }),
    );
  });

  it('reads the same property as the name it was made from', () => {
    const decoded = JSON.parse('{"plural":"tags"}') as { plural: string };
    const terms: Record<string, readonly string[]> = { tags: ['Go'], categories: ['News'] };
    expect(terms[propertyKey(decoded.plural)]).toEqual(['Go']);
  });
});
