import { describe, expect, it } from 'vitest';
import { differencesFromHugo, generatedDocuments } from '../support/hugo-markdown.js';

describe('emphasis and strong in English news text in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * `*` and `_` runs as English copy writes them: intraword underscores and stars, runs of three, emphasis
   * nested in strong and strong in emphasis, emphasis by punctuation and quotes, over a soft line break and
   * a hard one, in links and headings, with escapes, and unclosed runs.
   */
  const LINES = [
    'The *Times* reported it.',
    'Use the `snake_case_name` style or snake_case_name in text.',
    'A 2*3*4 grid and 5 * 6 = 30.',
    '***Breaking:*** the vote passed.',
    '**The senator *said* no** today.',
    '*The senator **said** no* today.',
    '__a__b and _a_b and a_b_ stay.',
    '__Strong__, _emphasis_. And **bold**!',
    '"*Quoted emphasis*," she said.',
    '*"Emphasis round a quote"*',
    '(*in parentheses*) and [*in brackets*]',
    'An *emphasis that goes\non the next line* ends.',
    '**Strong text with a hard break  \nin the middle** here.',
    '*Emphasis with a backslash break\\\nin it* here.',
    '[*Read* the **full** story](https://example.org/story)',
    '## A *heading* with **strong** words',
    '\\*not emphasis\\* and *escaped \\* star* and **a \\*\\* b**',
    '*unclosed emphasis and **unclosed strong',
    'file_name_here and __init__.py and _private',
    '**Note**: the fee is $5*.',
    'The *wow*-factor and **re**-election',
    '*a*b*c* and **a**b**c**',
    '***a** b* and ***a* b**',
    '_*mixed*_ and *_mixed_* and __*both*__',
    'It was *very*, *very* good; _truly_.',
    '**2024**: *Year in review*',
    '*',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold intraword underscores, runs of three and emphasis over a line break.
    expect(docs.filter((markdown) => markdown.includes('snake_case_name')).length).toBeGreaterThan(20);
    expect(docs.filter((markdown) => markdown.includes('***')).length).toBeGreaterThan(40);
    expect(docs.filter((markdown) => markdown.includes('goes\non')).length).toBeGreaterThan(20);
    expect(await differencesFromHugo(docs)).toEqual([]);
  }, 120_000);
});

describe('code spans and backslash escapes in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Code spans of one, two and three backticks, a backtick inside, leading and trailing spaces, runs left
   * unclosed, spans over a line break, emphasis and escapes inside and around them.
   */
  const LINES = [
    'Run `npm install` first.',
    'Use ``a ` b`` for a backtick.',
    'Or ``` ``code`` ``` with three.',
    'A span with spaces: `  two  ` and ` one `.',
    'Only spaces: `  ` here.',
    'An unclosed `tick and ``two ticks here.',
    'Code over `two\nlines` ends.',
    '*Emphasis with `code*` inside*',
    '`*not emphasis*` and `**not strong**`',
    '`C:\\path\\to\\file` and \\`not code\\`',
    'Escapes: \\* \\_ \\~ \\` \\\\ \\# \\[ \\a',
    '**`code` in strong** and _`code`_',
    '`a`b`c` and ``a``b``',
    '``` run on a line ```',
    '`x < y > z` and `&amp;` in code',
    '`` ` `` alone',
    '`trailing space `',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold spans of two backticks, unclosed runs and spans over a line break. No raw HTML in
    // code: an unclosed backtick before it leaves it raw HTML, which Hugo omits by default (docs/publishing.md says so).
    expect(docs.filter((markdown) => markdown.includes('``a ` b``')).length).toBeGreaterThan(20);
    expect(docs.filter((markdown) => markdown.includes('`two\nlines`')).length).toBeGreaterThan(20);
    expect(await differencesFromHugo(docs)).toEqual([]);
  }, 120_000);
});

describe('strikethrough, dashes and ellipses in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Strikes of one, two and three tildes, in and around emphasis, and two with nothing between them; the
   * typographer's dashes and ellipses in words, numbers and spaced dots.
   */
  const LINES = [
    'The price was ~~$10~~ $8.',
    'One ~tilde~ strike and ~~two~~ and ~~~three~~~.',
    '~~unclosed strike and ~a lone one',
    'Fares ~~rose~~~~fell~~ today, ~~~~all~~~~ of them.',
    '**~~bold strike~~** and ~~*em strike*~~',
    'Approx. ~5 km and ~ 10 km.',
    'The years 1990--2000 and pages 10-20.',
    'Well---no, it was not.',
    'Wait... what? And . . . spaced dots.',
    'A -- spaced dash and a --- spaced em dash.',
    '----- four dashes or more ----',
    'Dots....... many and ..',
    '*Wait...* and **1990--2000** and ~~well---no~~',
    'a~~b~~c and x~y~z',
    '`~~code~~` and \\~~escaped~~',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold strikes of one, two and three tildes, and dashes between numbers.
    expect(docs.filter((markdown) => markdown.includes('~tilde~')).length).toBeGreaterThan(20);
    expect(docs.filter((markdown) => markdown.includes('1990--2000')).length).toBeGreaterThan(40);
    expect(await differencesFromHugo(docs)).toEqual([]);
  }, 120_000);
});

describe('bare URLs and e-mail addresses in English sentences in generated documents, as Hugo 0.111 links them', () => {
  /**
   * Bare links and addresses in sentences: followed by punctuation (a run of it), in parentheses, with
   * underscores (that could be emphasis), in emphasis and strikes, and next to dashes and quotes. Left out,
   * as docs/publishing.md says: a closing `"` or a `;` after a URL (goldmark links it), a `.` after a URL's `)`
   * (`(see https://example.org/a).`, where goldmark links `…/a)`), and an e-mail address in `_`
   * emphasis (`_press@example.org_`, which goldmark leaves unlinked, its address followed by `_`).
   */
  const LINES = [
    'Read more at https://example.org/a.',
    '(see https://example.org/a) today.',
    'Files at https://example.org/a_b_c_ and https://example.org/_x_.',
    'Mail press@example.org, or tips@example.org.',
    'Visit www.example.org/news, then https://example.org/b?x=1&y=2!',
    '*See https://example.org/em* and **https://example.org/strong**',
    '_Source: https://example.org/under_ and __https://example.org/strong__',
    '~~Old: https://example.org/old~~ new',
    'The site—https://example.org/dash—has it.',
    '"See https://example.org/quoted now," she wrote.',
    'Is it https://example.org/q? Yes: https://example.org/r...',
    'Is it https://example.org/q?, or https://example.org/a: it is.',
    'Contact a.b-c_d@mail.example.org.',
    'https://example.org/wiki/Foo_(bar) and (https://example.org/wiki/Foo_(bar))',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold links followed by punctuation and links with underscores.
    expect(docs.filter((markdown) => markdown.includes('https://example.org/q?,')).length).toBeGreaterThan(20);
    expect(docs.filter((markdown) => markdown.includes('a_b_c_') || markdown.includes('/under_')).length).toBeGreaterThan(40);
    expect(await differencesFromHugo(docs)).toEqual([]);
  }, 120_000);
});
