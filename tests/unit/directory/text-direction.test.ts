import { describe, expect, it } from 'vitest';
import { textDirection, wordsLanguage } from '../../../src/render/directory/text-direction.js';

describe('textDirection', () => {
  it.each([
    ['ar', 'rtl'],
    ['ar-EG', 'rtl'],
    ['he', 'rtl'],
    ['iw', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['yi', 'rtl'],
    ['ps', 'rtl'],
    ['sd', 'rtl'],
    ['ug', 'rtl'],
    ['ckb', 'rtl'],
    ['dv', 'rtl'],
    ['AR_sa', 'rtl'],
    ['ku-Arab', 'rtl'],
    ['pa-Arab-PK', 'rtl'],
    ['sd-Deva', 'auto'],
    ['uz-Latn', 'auto'],
    ['en', 'auto'],
    ['zh-CN', 'auto'],
    ['arn', 'auto'],
    ['', 'auto'],
    [undefined, 'auto'],
  ])('%s → %s', (code, dir) => {
    expect(textDirection(code)).toBe(dir);
  });
});

describe('wordsLanguage', () => {
  it('keeps the page language when the words are in it, else names the words', () => {
    expect(wordsLanguage('en-GB', 'en')).toBe('en-GB');
    expect(wordsLanguage('zh-TW', 'zh-Hant')).toBe('zh-TW');
    expect(wordsLanguage('zh_CN', 'zh-Hans')).toBe('zh_CN');
    expect(wordsLanguage('fr-FR', 'en')).toBe('en');
    expect(wordsLanguage('ar', 'en')).toBe('en');
    expect(wordsLanguage('', 'en')).toBe('en');
  });
});
