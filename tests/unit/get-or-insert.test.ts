import { describe, expect, it } from 'vitest';
import { getOrInsert } from '../../src/get-or-insert.js';

describe('getOrInsert', () => {
  it('creates, stores and returns a value for a new key, and returns the stored one after', () => {
    // Prepare
    const map = new Map<string, string[]>();
    let created = 0;
    const create = (key: string): string[] => {
      created++;
      return [key];
    };
    // Act
    const first = getOrInsert(map, 'a', create);
    first.push('more');
    const second = getOrInsert(map, 'a', create);
    // Assess
    expect(second).toBe(first);
    expect(map.get('a')).toEqual(['a', 'more']);
    expect(created).toBe(1);
  });

  it('keeps a stored undefined instead of creating over it', () => {
    const map = new Map<string, number | undefined>([['a', undefined]]);
    expect(getOrInsert(map, 'a', () => 1)).toBeUndefined();
    expect(map.get('a')).toBeUndefined();
  });
});
