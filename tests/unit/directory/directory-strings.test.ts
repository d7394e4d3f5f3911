import { describe, expect, it } from 'vitest';
import { directoryStrings, taxonomyLabel } from '../../../src/render/directory/directory-strings.js';
import { configuredLanguageName, languageName } from '../../../src/render/directory/language-name.js';
import { localIsoDate } from '../../../src/render/directory/local-date.js';

describe('directoryStrings', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh-CN', 'zh-Hans'],
    ['zh-cn', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh_MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (code, locale) => {
    expect(directoryStrings(code).locale).toBe(locale);
  });

  it('has every word in every language', () => {
    for (const code of ['en', 'zh-CN', 'zh-TW']) {
      for (const [key, value] of Object.entries(directoryStrings(code))) {
        if (typeof value === 'string') expect(value.trim(), `${code} ${key}`).not.toBe('');
      }
    }
  });
});

describe('taxonomyLabel', () => {
  it('translates known taxonomies and capitalizes others', () => {
    expect(taxonomyLabel(directoryStrings('en'), 'tags')).toBe('Tags');
    expect(taxonomyLabel(directoryStrings('zh-CN'), 'categories')).toBe('分类');
    expect(taxonomyLabel(directoryStrings('zh-HK'), 'tags')).toBe('標籤');
    expect(taxonomyLabel(directoryStrings('en'), 'places')).toBe('Places');
    expect(taxonomyLabel(directoryStrings('en'), 'toString')).toBe('ToString');
  });
});

describe('languageName', () => {
  it('names Chinese by script and other languages in themselves', () => {
    expect(languageName('zh-CN')).toBe('简体中文');
    expect(languageName('zh-TW')).toBe('繁體中文');
    expect(languageName('en')).toBe('English');
    expect(languageName('not a code!')).toBe('not a code!');
  });

  it("prefers a configured languageName, but not Hugo's default (the key)", () => {
    expect(configuredLanguageName({ key: 'zh-cn', code: 'zh-CN', name: 'zh-CN' })).toBe('简体中文');
    expect(configuredLanguageName({ key: 'zh-cn', code: 'zh-CN', name: '中文' })).toBe('中文');
  });
});

describe('localIsoDate', () => {
  it('gives the calendar date in the zone', () => {
    expect(localIsoDate(Date.UTC(2024, 0, 1, 20), 'Asia/Shanghai')).toBe('2024-01-02');
    expect(localIsoDate(Date.UTC(2024, 0, 1, 20), 'UTC')).toBe('2024-01-01');
    expect(localIsoDate(Date.UTC(2024, 0, 1, 3), 'America/New_York')).toBe('2023-12-31');
    expect(localIsoDate(Date.UTC(999, 0, 1, 12), 'UTC')).toBe('0999-01-01');
  });

  it('throws a RangeError instead of printing an invalid date', () => {
    expect(() => localIsoDate(Number.NaN, 'UTC')).toThrow(RangeError);
  });
});
