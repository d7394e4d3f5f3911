import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { settleAll } from '../support/settle-all.js';
import { FsStorage } from '../../src/adapters/fs-storage.js';
import { StorageError, UnreadableObjectError } from '../../src/errors.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { copySampleSite, runMain } from './cli-harness.js';

/** `feedpub check` on copies of the sample site (in this process: main() with captured output). */
describe('feedpub check', () => {
  let good: string;
  let bad: string;

  beforeAll(async () => {
    await settleAll([
      copySampleSite().then((dir) => {
        good = dir;
      }),
      copySampleSite().then((dir) => {
        bad = dir;
      }),
    ]);
    // Prepare: the bad site adds an impossible date, a broken front matter, a wrongly typed field and a tag spelled two ways.
    const world = path.join(bad, 'content/en/news/world');
    await writeFile(path.join(world, 'leap.en.md'), '---\ntitle: "Leap day"\ndate: 2025-02-29T10:00:00+08:00\n---\nNo such day.\n');
    await writeFile(path.join(world, 'broken.en.md'), '---\ntitle: "Unclosed\ndate: 2025-01-01\n---\nBody\n');
    await writeFile(path.join(world, 'typed.en.md'), '---\ntitle: Typed\ndate: 2025-01-02\ntags:\n  nested: map\n---\nBody\n');
    await writeFile(path.join(world, 'go-shout.en.md'), '---\ntitle: Shouting\ndate: 2025-01-03\ntags: [GO]\n---\nBody\n');
  });

  afterAll(async () => {
    await Promise.all([good, bad].map((dir) => (dir ? rm(dir, { recursive: true, force: true }) : undefined)));
  });

  it('passes the sample site: exit 0, held-back posts as info lines, a summary line', async () => {
    const run = await runMain(['check', good], { now: SAMPLE_NOW });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('content/en/news/world/draft-budget.en.md: info: draft: held back [draft]');
    expect(lines.some((l) => /^content\/en\/news\/world\/future-summit\.en\.md: info: publishes at 2031-.* \[future\]$/.test(l))).toBe(true);
    expect(lines.filter((l) => /: error: /.test(l))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^13 articles: 9 published, 3 held back, 1 skipped, 0 rejected; 28 feeds; 0 errors, \d+ warnings?$/);
  });

  it('rejects the bad site: exit 1 and file:line: severity: message [rule] for each problem', async () => {
    const run = await runMain(['check', bad], { now: SAMPLE_NOW });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^content\/en\/news\/world\/leap\.en\.md:3: error: date: .*February.* \[date-invalid\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^content\/en\/news\/world\/broken\.en\.md:\d+: error: .* \[front-matter-syntax\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^content\/en\/news\/world\/typed\.en\.md:4: error: tags: .* \[field-type\]$/));
    // Errors come first, then warnings, then info.
    const ranks = lines.slice(0, -1).map((l) => ['error', 'warning', 'info'].indexOf(/: (error|warning|info): /.exec(l)?.[1] ?? ''));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatch(/, 3 rejected; 28 feeds; 3 errors, /);
  });

  it('reports tags whose names share a slug, with every spelling and the feed they are merged into', async () => {
    // The sample site spells one tag "Go" and "go"; the bad site adds "GO".
    const clean = await runMain(['check', good], { now: SAMPLE_NOW });
    const sample = clean.stdout.split('\n').filter((l) => l.includes('[term-collision]'));
    expect(sample).toEqual([
      expect.stringMatching(
        /^content\/en\/.*\.md: warning: tags "(Go|go)" \(\d articles?\) and "(Go|go)" \(\d articles?\) share the slug "go": merged into one feed, tags\/go\/; use one spelling \[term-collision\]$/,
      ),
    ]);
    const run = await runMain(['check', bad], { now: SAMPLE_NOW });
    const collision = run.stdout.split('\n').filter((l) => l.includes('[term-collision]'));
    expect(collision).toHaveLength(1);
    expect(collision[0]).toMatch(/warning: tags "GO" \(1 article\), "Go" \(1 article\) and "go" \(1 article\) share the slug "go"/);
  });

  it('prints the same problems as JSON with --json', async () => {
    const [text, json] = await Promise.all([runMain(['check', bad], { now: SAMPLE_NOW }), runMain(['check', bad, '--json'], { now: SAMPLE_NOW })]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      summary: { errors: number; articles: { rejected: number } };
      problems: { file: string; line?: number; severity: string; rule: string; message: string }[];
    };
    expect(parsed.summary.errors).toBe(3);
    expect(parsed.summary.articles.rejected).toBe(3);
    const asLines = parsed.problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.message} [${p.rule}]`);
    expect(asLines).toEqual(text.stdout.trim().split('\n').slice(0, -1));
  });

  it('lists the relative URLs it rewrites only with --verbose, as warnings at their line', async () => {
    const quiet = await runMain(['check', good], { now: SAMPLE_NOW });
    const verbose = await runMain(['check', good, '--verbose'], { now: SAMPLE_NOW });
    expect(quiet.stdout).not.toContain('[relative-url]');
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(
      /^content\/en\/news\/world\/openai-funding\.en\.md:\d+: warning: relative URL "charts\/rounds\.png" becomes https:\/\/news\.example\.org\/news\/world\/openai-funding\/charts\/rounds\.png in feeds \[relative-url\]$/m,
    );
  });

  it('prints only errors and the summary with --quiet', async () => {
    const run = await runMain(['check', bad, '--quiet'], { now: SAMPLE_NOW });
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((l) => l.includes(': error: '))).toBe(true);
    expect(lines).toHaveLength(4);
  });

  it('lists only errors in the JSON problems with --json --quiet, and counts every problem in its summary', async () => {
    const [all, quiet] = await Promise.all([
      runMain(['check', bad, '--json'], { now: SAMPLE_NOW }),
      runMain(['check', bad, '--json', '-q'], { now: SAMPLE_NOW }),
    ]);
    type Checked = { summary: { errors: number; warnings: number; infos: number }; problems: { severity: string }[] };
    const [every, errors] = [JSON.parse(all.stdout) as Checked, JSON.parse(quiet.stdout) as Checked];
    expect(quiet.code).toBe(1);
    expect(every.problems.some((p) => p.severity !== 'error')).toBe(true);
    expect(errors.problems).toEqual(every.problems.filter((p) => p.severity === 'error'));
    expect(errors.problems).toHaveLength(3);
    expect(errors.summary).toEqual(every.summary);
    expect(errors.summary.warnings + errors.summary.infos).toBeGreaterThan(0);
  });

  it('exits 2 with one line for a missing folder, a bad config and a bad flag', async () => {
    const missing = await runMain(['check', path.join(good, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^feedpub check: site folder .*nope does not exist or is not a folder \(see feedpub check --help\)\n$/);
    const broken = await copySampleSite();
    try {
      await writeFile(path.join(broken, 'hugo.toml'), 'baseURL = "https://x.example/"\ntitle = [unclosed\n');
      const config = await runMain(['check', broken]);
      expect(config.code).toBe(2);
      expect(config.stderr).toMatch(/^feedpub check: config error: hugo\.toml: .*\n$/);
      // With --json, stdout says so in JSON as well (a CI step parsing it gets no empty output).
      const json = await runMain(['check', broken, '--json']);
      expect(json.code).toBe(2);
      const parsed = JSON.parse(json.stdout) as { configError: { key: string; file?: string; message: string } };
      expect(parsed.configError.file).toBe('hugo.toml');
      expect(parsed.configError.message).toMatch(/^hugo\.toml: /);
      expect(json.stderr).toBe(config.stderr);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
    const flag = await runMain(['check', good, '--strict']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('feedpub check: unknown option --strict (see feedpub check --help)\n');
  });
});

describe('feedpub check: config files in folders below config/_default/', () => {
  let site: string;
  beforeAll(async () => {
    site = await mkdtemp(path.join(tmpdir(), 'feedpub-check-config-subdir-'));
    const files: Record<string, string> = {
      'hugo.toml': 'baseURL = "https://example.com/"\ntitle = "Root"\n',
      'config/_default/sub/hugo.toml': 'title = "Sub"\n',
      'config/_default/params/params.toml': '',
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nA\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(site, name)), { recursive: true });
      await writeFile(path.join(site, name), text);
    }
  });
  afterAll(async () => {
    if (site) await rm(site, { recursive: true, force: true });
  });

  it('names such a file as the source of a setting in error, in text and in JSON', async () => {
    await writeFile(path.join(site, 'config/_default/params/params.toml'), '[feedpub]\nlimit = "20"\n');
    const text = await runMain(['check', site], { now: SAMPLE_NOW });
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^feedpub check: config error: config\/_default\/params\/params\.toml: params\.feedpub\.limit: /);
    const json = await runMain(['check', site, '--json'], { now: SAMPLE_NOW });
    const parsed = JSON.parse(json.stdout) as { configError: { key: string; file?: string } };
    expect(parsed.configError).toMatchObject({ file: 'config/_default/params/params.toml', key: 'params.feedpub.limit' });
  });

  it('names such a file as the one whose value replaces that of the root file', async () => {
    await writeFile(path.join(site, 'config/_default/params/params.toml'), '[feedpub]\nlimit = 20\n');
    const run = await runMain(['check', site], { now: SAMPLE_NOW });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('hugo.toml: warning: title: "Root" here is not used: config/_default/sub/hugo.toml sets "Sub"');
  });
});

/** The mistakes an audit of authors found reported confusingly: each line names the file, the line and what to do. */
describe('feedpub check: messages an author can act on', () => {
  let site: string;
  let lines: string[];
  const dir = 'content/en/news/world';

  beforeAll(async () => {
    site = await copySampleSite();
    const bytes = (...parts: (string | number)[]): Uint8Array =>
      Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...new TextEncoder().encode(part)])));
    const files: Record<string, string | Uint8Array> = {
      'cp1252.en.md': bytes('---\ntitle: Caf', 0xe9, ' na', 0xef, 've\ndate: 2025-01-06\n---\nText\n'),
      'gbk.en.md': bytes('---\ntitle: ', 0xd6, 0xd0, 0xce, 0xc4, '\ndate: 2025-01-06\n---\nText\n'),
      'colon-title.en.md': '---\ntitle: Breaking: war ends\ndate: 2025-01-06\n---\nText\n',
      'colon-summary.en.md': '---\ntitle: Ok\ndate: 2025-01-06\nsummary: Note: this is it\n---\nText\n',
      'bracket-title.en.md': '---\ntitle: [Update] New release\ndate: 2025-01-06\n---\nText\n',
      'squote-title.en.md': "---\ntitle: 'It's here'\ndate: 2025-01-06\n---\nText\n",
      'dquote-title.en.md': '---\ntitle: "He said "hi" today"\ndate: 2025-01-06\n---\nText\n',
      'star-title.en.md': '---\ntitle: *Important* news\ndate: 2025-01-06\n---\nText\n',
      'unclosed-quote.en.md': '---\ntitle: "Unclosed\ndate: 2025-01-06\n---\nText\n',
      'tab-indent.en.md': '---\ntitle: Tabbed\ndate: 2025-01-06\ntags:\n\t- a\n---\nText\n',
      'json-trailing.en.md': '{\n  "title": "JSON trailing",\n  "date": "2025-01-06",\n}\nText\n',
      'toml-yaml-line.en.md': '+++\ntitle = "Toml"\ndate = 2025-01-06\nauthor: Bob\n+++\nText\n',
      'empty.en.md': '',
      'empty-date.en.md': '---\ntitle: Empty date\ndate:\n---\nSome text.\n',
      'json-comment.en.md': '{\n  // my note\n  "title": "JSON comment",\n  "date": "2025-01-06"\n}\nText\n',
    };
    await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(site, dir, name), content)));
    const run = await runMain(['check', site], { now: SAMPLE_NOW });
    expect(run.code).toBe(1);
    lines = run.stdout.trim().split('\n');
  });

  afterAll(async () => {
    if (site) await rm(site, { recursive: true, force: true });
  });

  it.each(
    [
      'colon-title.en.md:2: error: invalid YAML at column 16: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: title: "Breaking: war ends" [front-matter-syntax]',
      'colon-summary.en.md:4: error: invalid YAML at column 14: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: summary: "Note: this is it" [front-matter-syntax]',
      'bracket-title.en.md:2: error: invalid YAML at column 17: bad indentation of a mapping entry (a value starting with [ is a list); put the value in double quotes: title: "[Update] New release" [front-matter-syntax]',
      'squote-title.en.md:2: error: invalid YAML at column 12: bad indentation of a mapping entry (the quotes end before the value does); put the value in double quotes: title: "It\'s here" [front-matter-syntax]',
      'dquote-title.en.md:2: error: invalid YAML at column 18: bad indentation of a mapping entry (the quotes end before the value does); put the value in double quotes: title: "He said \\"hi\\" today" [front-matter-syntax]',
      'star-title.en.md:2: error: invalid YAML at column 19: unidentified alias "Important*" (a value starting with * names an alias); put the value in double quotes: title: "*Important* news" [front-matter-syntax]',
      'unclosed-quote.en.md:2: error: invalid YAML at column 8: unexpected end of the stream within a double quoted scalar (the quote that opens the value never closes); close the quote: title: "Unclosed" [front-matter-syntax]',
      'tab-indent.en.md:5: error: invalid YAML at column 1: tab characters must not be used in indentation; indent with spaces [front-matter-syntax]',
      'cp1252.en.md:2: error: the file is not UTF-8 text at column 11 (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8 [encoding]',
      'gbk.en.md:2: error: the file is not UTF-8 text at column 8 (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8 [encoding]',
      'json-trailing.en.md:3: error: invalid JSON: trailing comma before "}"; remove the comma after the last field [front-matter-syntax]',
      'toml-yaml-line.en.md:4: error: invalid TOML: illegal character in key; this line looks like YAML (key: value); TOML writes author = "Bob" [front-matter-syntax]',
      'json-comment.en.md:2: error: invalid JSON: found "//", but JSON front matter cannot hold comments; remove the comment [front-matter-syntax]',
      'empty.en.md:1: warning: the file is empty: not in feeds; write front matter with a date, then the text [no-date]',
      'empty-date.en.md:3: warning: date has no value: not in feeds (Hugo would list it as year 0001); write a date such as 2025-01-06 [no-date]',
    ].map((line) => [line.slice(0, line.indexOf(':')), line]),
  )('%s', (_file, line) => {
    expect(lines).toContain(`${dir}/${line}`);
  });
});

/**
 * A file or folder of the site this user may not read (EACCES). Modes do not stop root, which runs these
 * tests: the site folder's reads are made to fail as FsStorage fails them (tests/unit/adapters/fs-storage.test.ts
 * checks that against the file system).
 */
describe('feedpub check: a site file or folder it may not read', () => {
  let site: string;
  /** Node's error for a call the permissions refused. */
  const eacces = (syscall: string, file: string) =>
    Object.assign(new Error(`EACCES: permission denied, ${syscall} '${file}'`), { errno: -13, code: 'EACCES', syscall, path: file });

  beforeAll(async () => {
    site = await copySampleSite();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await rm(site, { recursive: true, force: true });
  });

  it('says an unreadable hugo.toml is a permission to fix, exit 3, and in JSON with --json', async () => {
    // Prepare: FsStorage's own error for a file it may not open.
    const read = FsStorage.prototype.read;
    vi.spyOn(FsStorage.prototype, 'read').mockImplementation(function (this: FsStorage, key, options) {
      if (key !== 'hugo.toml') return read.call(this, key, options);
      const cause = eacces('open', path.join(site, 'hugo.toml'));
      return Promise.reject(new UnreadableObjectError(key, 'permission denied: this user may not read the file', { cause }));
    });
    // Act
    const text = await runMain(['check', site], { now: SAMPLE_NOW });
    const json = await runMain(['check', site, '--json'], { now: SAMPLE_NOW });
    // Assess
    const message = 'cannot read hugo.toml: permission denied (EACCES): this user may not read it; fix its permissions';
    expect(text.code).toBe(3);
    expect(text.stderr).toBe(`feedpub check: ${message}\n`);
    expect(text.stdout).toBe('');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({ readError: { file: 'hugo.toml', message } });
    expect(json.stderr).toBe(text.stderr);
  });

  it('names the content folder it may not list, exit 3, and in JSON with --json', async () => {
    // Prepare: FsStorage's own error for a folder it may not read, below the prefix listed.
    const list = FsStorage.prototype.list;
    vi.spyOn(FsStorage.prototype, 'list').mockImplementation(function (this: FsStorage, prefix) {
      if (!prefix.startsWith('content/')) return list.call(this, prefix);
      const cause = eacces('scandir', path.join(site, 'content/en/news'));
      return (async function* () {
        yield* [];
        throw new StorageError('list', 'content/en/news/', { cause });
      })();
    });
    // Act
    const text = await runMain(['check', site], { now: SAMPLE_NOW });
    const json = await runMain(['check', site, '--json'], { now: SAMPLE_NOW });
    // Assess
    const message = 'cannot list content/en/news/: permission denied (EACCES): this user may not read it; fix its permissions';
    expect(text.code).toBe(3);
    expect(text.stderr).toBe(`feedpub check: ${message}\n`);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({ readError: { file: 'content/en/news/', message } });
  });
});
