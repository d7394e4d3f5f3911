import { describe, expect, it } from 'vitest';
import { languageOf, MEANT_LANGUAGE } from '../../../src/config/language-codes.js';

describe('languageOf', () => {
  it('keeps a tag whose primary subtag is a language: ISO 639-1, three letters, private use', () => {
    for (const tag of ['en', 'en-US', 'zh-Hant-TW', 'pt-br', 'sr-Latn', 'es-419', 'yue', 'yue-HK', 'fil', 'x-klingon', 'EN-gb']) {
      expect(languageOf(tag), tag).toBe(tag);
    }
  });

  it('names no language for a country code, a word, or a subtag of another length', () => {
    for (const tag of ['cn', 'jp', 'gr', 'dk', 'english', 'chinese-simplified', 'zhcn', 'e', 'x', 'i-klingon', 'cn-zh', 'abcdefgh']) {
      expect(languageOf(tag), tag).toBeUndefined();
    }
  });

  it('names no language for a primary subtag that is not all letters, whatever its length', () => {
    for (const tag of ['e1', 'ab1', 'e1-US', 'zh_CN', 'é', '', '-en']) {
      expect(languageOf(tag), tag).toBeUndefined();
    }
  });

  it('writes a withdrawn ISO 639-1 code as the one that replaced it, its other subtags as they are', () => {
    expect(['iw', 'iw-IL', 'in', 'ji', 'jw', 'mo-MD'].map(languageOf)).toEqual(['he', 'he-IL', 'id', 'yi', 'jv', 'ro-MD']);
  });

  it('knows the two-letter codes the runtime CLDR names, no more, no fewer (its names are not used: they may change)', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const pairs = [...letters].flatMap((a) => [...letters].map((b) => a + b));
    expect(pairs.filter((code) => languageOf(code) !== undefined)).toEqual(pairs.filter((code) => names.of(code) !== undefined));
  });

  it('suggests for a key that names no language only codes that do, never for a key that is one', () => {
    for (const [key, meant] of Object.entries(MEANT_LANGUAGE)) {
      expect(languageOf(key), key).toBeUndefined();
      expect(languageOf(meant), meant).toBe(meant);
    }
  });
});
