import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findCollisions,
  isFeedFileName,
  lowerAsGo,
  MAX_FOLDER_BYTES,
  pathStyle,
  permalinkValue,
  termSlug,
  urlize,
  urlizeLink,
  urlizeValue,
} from '../../../src/plan/slug.js';

describe('urlize', () => {
  // Expected values were produced by Hugo 0.111 (`hugo` on a site with these terms), except where
  // feedpub deliberately differs for safety (see the comments).
  it.each([
    ['World News', 'world-news'],
    ['C#', 'c#'],
    ['C++', 'c++'],
    ['人工智能', '人工智能'],
    ['Go', 'go'],
    ['x?y', 'xy'],
    ['Ünïcödé Straße', 'ünïcödé-straße'],
    [' trim ', 'trim'],
    ['a.b', 'a.b'],
    ['a_b', 'a_b'],
    ['A & B', 'a-b'],
    ['Ελληνικά', 'ελληνικά'],
    ['Tag-One', 'tag-one'],
    ['tag one', 'tag-one'],
    // A dash beside spaces stays one dash.
    ['a - b', 'a-b'],
    ['c -d', 'c-d'],
    ['e- f', 'e-f'],
    // Go lower-cases each code point by its simple mapping: no final sigma, and İ is a plain i.
    ['ΟΔΟΣ', 'οδοσ'],
    ['ΣΑΣ ΣΑΣ', 'σασ-σασ'],
    ['İstanbul', 'istanbul'],
    ['ǅemal', 'ǆemal'],
    ['STRASSE ẞ', 'strasse-ß'],
    ['KELVIN \u212A', 'kelvin-k'],
    ['ÅNGSTRÖM \u212B', 'ångström-å'],
    // Only decimal digits (Unicode Nd, Go's unicode.IsDigit) are kept, in any script.
    ['x²', 'x'],
    ['Ⅻ century', 'century'],
    ['٣ arabic-indic', '٣-arabic-indic'],
    // Dots are kept where they are, leading, trailing or in a run (tags/.net/, tags/dots.../).
    ['.NET', '.net'],
    ['dots...', 'dots...'],
    ['v1.0.', 'v1.0.'],
    ['a..b', 'a..b'],
    ['..x', '..x'],
    ['. .', '.-.'],
    ['.. ..', '..-..'],
    [' .x. ', '.x.'],
    ['. NET', '.-net'],
    ['...', '...'],
    // Spaces are Go's (unicode.IsSpace): NEL is one, a BOM is no space and is dropped (tags/a-b/, tags/ab/).
    ['a\u0085b', 'a-b'],
    ['a\uFEFFb', 'ab'],
    ['a\u00A0\u3000b', 'a-b'],
    ['\u0085lead', 'lead'],
  ])('%j → %j as Hugo does', (name, slug) => {
    expect(urlize(name)).toBe(slug);
  });

  it('never nests folders: / and \\ become dashes (Hugo would nest a/b)', () => {
    expect(urlize('a/b')).toBe('a-b');
    expect(urlize('a\\b')).toBe('a-b');
  });

  it('never produces dot segments, percent escapes or reserved device names', () => {
    // Hugo drops a term `.` (and `.?`, urlized to `.`) and fails the build on `..`.
    expect(urlize('..')).toMatch(/^t-[0-9a-f]{8}$/);
    expect(urlize('.')).toMatch(/^t-[0-9a-f]{8}$/);
    expect(urlize('.?')).toMatch(/^t-[0-9a-f]{8}$/);
    expect(urlize('.,.')).toMatch(/^t-[0-9a-f]{8}$/);
    expect(urlize('%2e%2e')).toBe('2e2e');
    expect(urlize('CON')).toBe('_con');
    // In any case, as Windows reads them: with disablePathToLower the case is kept (an audit found tags/CON/).
    expect(['CON', 'Nul', 'Aux.txt', 'COM1', 'lpt9'].map((name) => urlize(name, false))).toEqual(['_CON', '_Nul', '_Aux.txt', '_COM1', '_lpt9']);
    expect(urlize('')).toMatch(/^t-/);
    expect(urlize('???')).toMatch(/^t-/);
  });

  it('caps very long names at a file name (255 bytes) and keeps them distinct', () => {
    const a = urlize('x'.repeat(1000));
    const b = urlize(`${'x'.repeat(999)}y`);
    expect(MAX_FOLDER_BYTES).toBe(255);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(255);
    expect(a).not.toBe(b);
  });

  it('keeps a name of exactly 255 bytes, as Hugo writes it, and cuts a longer one (Hugo: file name too long) at a character, before a hash, without trailing dots', () => {
    expect(urlize('x'.repeat(200))).toBe('x'.repeat(200));
    expect(urlize('x'.repeat(255))).toBe('x'.repeat(255));
    expect(urlize('x'.repeat(256))).toMatch(new RegExp(`^${'x'.repeat(246)}-[0-9a-f]{8}$`));
    // 字 is 3 bytes in UTF-8: 85 of them are 255 bytes; 82 fill the 246 bytes before the hash.
    expect(urlize('字'.repeat(85))).toBe('字'.repeat(85));
    expect(urlize('字'.repeat(100))).toMatch(new RegExp(`^${'字'.repeat(82)}-[0-9a-f]{8}$`));
    // The cut ends in dots: they go (a folder ending in a dot is lost on Windows), the dot inside stays.
    expect(urlize(`a.${'x'.repeat(242)}${'.'.repeat(20)}`)).toMatch(new RegExp(`^a\\.${'x'.repeat(242)}-[0-9a-f]{8}$`));
  });

  it('leaves a page link segment whole and unprefixed, as Hugo 0.111 links the page (feedpub writes no file there)', () => {
    expect(urlizeLink('字'.repeat(100))).toBe('字'.repeat(100));
    expect(urlizeLink(`Word ${'x'.repeat(600)}`)).toBe(`word-${'x'.repeat(600)}`);
    expect(['CON', 'com1.txt', 'Nul'].map((name) => urlizeLink(name))).toEqual(['con', 'com1.txt', 'nul']);
    expect(urlizeLink(' v1 ', true, true)).toBe('-v1-');
    // Otherwise as urlize: never empty or a dot segment.
    expect(urlizeLink('..')).toMatch(/^t-[0-9a-f]{8}$/);
  });

  it('prefixes only names Windows reserves, not names that contain or start with one', () => {
    expect(['icon', 'console', 'auxiliary', 'com10', 'null'].map((name) => urlize(name))).toEqual(['icon', 'console', 'auxiliary', 'com10', 'null']);
    expect(['con', 'com1.txt', 'LPT1'].map((name) => urlize(name))).toEqual(['_con', '_com1.txt', '_lpt1']);
  });

  it('removes accents with removePathAccents, lower-cased or not (pathStyle)', () => {
    const accents = pathStyle({ disablePathToLower: false, removePathAccents: true });
    expect(accents).toEqual({ lower: true, removeAccents: true });
    expect(urlize('Café Ç Ünïcödé', accents)).toBe('cafe-c-unicode');
    expect(urlize('Café', pathStyle({ disablePathToLower: true, removePathAccents: true }))).toBe('Cafe');
    expect(urlize('Café', pathStyle({ disablePathToLower: true }))).toBe('Café');
    expect(pathStyle({ disablePathToLower: false })).toBe(true);
    expect(pathStyle({ disablePathToLower: false }, false)).toBe(false);
  });

  it('is idempotent and never contains a path separator or a dot segment (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const slug = urlize(name);
        expect(urlize(slug)).toBe(slug);
        expect(slug).not.toMatch(/[/\\\0]/);
        expect(['.', '..']).not.toContain(slug);
        expect(slug.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('urlizeValue', () => {
  // Expected values were produced by Hugo 0.111 (`:title` and `:slug` permalinks of pages with these values).
  it.each([
    ['Pourquoi Hugo ?', 'pourquoi-hugo'],
    ['🚀 Launch day', 'launch-day'],
    ['Qui suis-je ?', 'qui-suis-je'],
    [' both ', 'both'],
    ['  multiple   spaces  ', 'multiple-spaces'],
    ['\u200B x', 'x'],
    ['\u0085x\u0085', 'x'],
    ['x\u3000', 'x'],
    ['¿Qué?', 'qué'],
    ['- dash lead', '-dash-lead'],
    ['trail dash -', 'trail-dash-'],
    ['a - b', 'a-b'],
    ['a -- b', 'a--b'],
    // A `/` is kept: white space beside it is a dash, at the value's start or end none.
    ['x / y', 'x-/-y'],
    [' / x', '-x'],
    ['x / ', 'x-'],
    ['a/ b', 'a/-b'],
    ['a /b', 'a-/b'],
    ['a / b /', 'a-/-b-'],
    ['A/B testing', 'a/b-testing'],
    ['/lead slash', 'lead-slash'],
    ['a//b', 'a/b'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    // Nothing a path keeps: no folder.
    ['?', ''],
    ['  ', ''],
    ['', ''],
  ])('%j → %j as Hugo does', (value, path) => {
    expect(urlizeValue(value)).toBe(path);
  });

  it('never cuts, prefixes or hashes, and keeps case and drops accents as the site says', () => {
    expect(urlizeValue('x'.repeat(300))).toBe('x'.repeat(300));
    expect(urlizeValue('CON')).toBe('con');
    expect(urlizeValue('Café Crème', pathStyle({ disablePathToLower: true, removePathAccents: true }))).toBe('Cafe-Creme');
  });
});

describe('termSlug', () => {
  // Expected values were produced by Hugo 0.111, except where feedpub deliberately differs for safety.
  it.each([
    ['CI/CD', 'ci/cd'],
    ['a/b/c', 'a/b/c'],
    ['/lead', 'lead'],
    ['trail/', 'trail'],
    ['x//y', 'x/y'],
    ['p / q', 'p-/-q'],
    ['./dot', 'dot'],
    ['x/...', 'x/...'],
    ['x./y', 'x./y'],
    ['.x/y.', '.x/y.'],
    ['m/./n', 'm/n'],
    ['u/../v', 'v'],
    ['News/World', 'news/world'],
    ['Go', 'go'],
    ['  Go  ', 'go'],
    ['x/a b /y', 'x/a-b-/y'],
    // A part with spaces is no dot segment: its spaces become dashes.
    ['u/ .. /v', 'u/-..-/v'],
    ['m/ . /n', 'm/-.-/n'],
    ['t/ ./w', 't/-./w'],
    ['y/.. /z', 'y/..-/z'],
    ['p/ /q', 'p/-/q'],
    ['g/\t/h', 'g/-/h'],
    // Go's spaces: NEL beside a slash is a dash there, a BOM is none (tags/e/-f/, tags/g/h/ in Hugo 0.111).
    ['e/\u0085f', 'e/-f'],
    ['g/\uFEFFh', 'g/h'],
    // Hugo urlizes the whole name: white space at its start or end is no dash, a part at an end that keeps nothing none.
    [' s / t ', 's-/-t'],
    ['? / u', '-u'],
    ['v / ?', 'v-'],
    ['a/?/b', 'a/b'],
    ['k/Atom.xml', 'k/_atom.xml'],
    // Safety: Hugo fails the build on `../esc`; feedpub never climbs above the taxonomy's folder.
    ['../esc', 'esc'],
    ['../../..', '..-..-..'],
    ['index.xml', '_index.xml'],
    // Safety: a folder named like a feed file could not sit where term `k`'s feed file is.
    ['k/index.xml', 'k/_index.xml'],
    ['k/Feed.json', 'k/_feed.json'],
  ])('%s → %s', (name, slug) => {
    expect(termSlug(name)).toBe(slug);
  });

  it('is a path of urlized names: never empty, no empty, dot or dot-dot part, no part named like a feed file', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('/', '.', ' ', 'a', 'B', '\\', '%', 'index.xml', '字'), maxLength: 24 }), (name) => {
        const slug = termSlug(name);
        expect(slug).not.toBe('');
        for (const part of slug.split('/')) {
          expect(part.replace(/^_/, '')).toBe(urlize(part.replace(/^_/, '')));
          expect(['', '.', '..', 'index.xml', 'atom.xml', 'feed.json']).not.toContain(part);
        }
      }),
    );
  });
});

describe('isFeedFileName', () => {
  it('knows the feed files in any case, and the site RSS file when it renames it', () => {
    expect(['index.xml', 'Atom.XML', 'feed.json'].map((name) => isFeedFileName(name))).toEqual([true, true, true]);
    expect(isFeedFileName('Feed.XML', 'feed.xml')).toBe(true);
    expect(isFeedFileName('feed.xml')).toBe(false);
    expect(isFeedFileName('other.xml', 'feed.xml')).toBe(false);
    expect(termSlug('k/feed.xml', true, 'feed.xml')).toBe('k/_feed.xml');
  });
});

describe('lowerAsGo', () => {
  it('maps each code point to one code point, as Go does, where JavaScript would not (property)', () => {
    const anyCase = fc.constantFrom('Σ', 'İ', 'Ǆ', 'ǅ', 'ẞ', 'A', 'a', ' ', '\u0307', 'Ω', 'I', '字');
    fc.assert(
      fc.property(fc.array(fc.oneof(anyCase, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        const lowered = lowerAsGo(s);
        expect([...lowered]).toHaveLength([...s].length);
        expect(lowerAsGo(lowered)).toBe(lowered);
        // A capital sigma is always σ, never the final ς JavaScript's full mapping picks at a word's end.
        expect(lowered.split('ς').length).toBe(s.split('ς').length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findCollisions', () => {
  it('reports names that share a slug, sorted', () => {
    expect(findCollisions(['Go', 'go', 'Rust', 'Tag One', 'tag-one'])).toEqual([
      { slug: 'go', names: ['Go', 'go'] },
      { slug: 'tag-one', names: ['Tag One', 'tag-one'] },
    ]);
  });

  it('slugs as feed folders are with the site RSS file name: a term named for it shares the folder of its `_` form', () => {
    expect(findCollisions(['feed.xml', '_feed.xml'], true, 'feed.xml')).toEqual([{ slug: '_feed.xml', names: ['_feed.xml', 'feed.xml'] }]);
    expect(findCollisions(['feed.xml', '_feed.xml'], true, 'index.xml')).toEqual([]);
  });

  it('sorts the groups by slug and the names in each, whatever the order they come in', () => {
    expect(findCollisions(['tag-one', 'Tag One', 'Rust', 'go', 'Go', 'ab', 'AB'])).toEqual([
      { slug: 'ab', names: ['AB', 'ab'] },
      { slug: 'go', names: ['Go', 'go'] },
      { slug: 'tag-one', names: ['Tag One', 'tag-one'] },
    ]);
  });
});

describe('permalinkValue', () => {
  it('drops a final `#`, as Hugo 0.111 expands permalinks, and leaves `+` to the path (permalinkPath)', () => {
    expect(permalinkValue('c++-tips')).toBe('c++-tips');
    expect(permalinkValue('c#')).toBe('c');
    expect(permalinkValue('f#-lang')).toBe('f#-lang');
    expect(permalinkValue('#')).toBe('');
    expect(permalinkValue('plain')).toBe('plain');
  });
});
