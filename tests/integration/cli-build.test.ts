import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPlace } from '../../src/adapters/fs-storage.js';
import { settleAll } from '../support/settle-all.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { copySampleSite, runMain, scratch } from './cli-harness.js';
import { skipBecause } from '../support/skip-because.js';

/** `feedpub build` keeps its flags, output and exit codes. */
let site: string;
let out: string;

beforeAll(async () => {
  await settleAll([
    copySampleSite().then((dir) => {
      site = dir;
    }),
    scratch('feedpub-cli-out-').then((dir) => {
      out = dir;
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([site, out].map((dir) => (dir ? rm(dir, { recursive: true, force: true }) : undefined)));
});

describe('feedpub build', () => {
  it('builds every feed into --out and prints the summary; a second run writes nothing', async () => {
    const first = await runMain(['build', site, '--out', out], { now: SAMPLE_NOW });
    expect(first.code, first.stderr).toBe(0);
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(30);
    const [articles, feeds, next] = first.stdout.split('\n');
    expect(articles).toBe('articles: 13 found, 13 parsed, 9 published, 3 held back, 1 skipped, 0 rejected');
    expect(feeds).toBe(`feeds: 28 feeds, ${files.length} files written, 0 unchanged, 0 deleted → ${out}/`);
    // The sample's future post: a local build has no wake-up, so it says when to build again.
    expect(next).toBe('next change: 2031-06-01T01:00:00Z (a scheduled post goes live or one expires): build again then');
    const second = await runMain(['build', site, '--out', out], { now: SAMPLE_NOW });
    expect(second.stdout).toContain(`0 files written, ${files.length} unchanged`);
  });

  it('accounts for every file with --state: written, unchanged and kept (sources unchanged) add up to what is published', async () => {
    // Prepare
    const [copy, fresh, state] = await Promise.all([copySampleSite(), scratch('feedpub-cli-kept-'), scratch('feedpub-cli-kept-state-')]);
    const build = () => runMain(['build', copy, '--out', fresh, '--state', state], { now: SAMPLE_NOW });
    const count = async () => (await readdir(fresh, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    /** written + unchanged + kept of a summary line, and its deleted. */
    const tally = (stdout: string) => {
      const m = / (\d+) files? written, (\d+) unchanged(?:, (\d+) kept \(sources unchanged\))?, (\d+) deleted /.exec(stdout);
      expect(m, stdout).not.toBeNull();
      return { published: Number(m?.[1]) + Number(m?.[2]) + Number(m?.[3] ?? 0), kept: Number(m?.[3] ?? 0), deleted: Number(m?.[4]) };
    };
    try {
      expect((await build()).code).toBe(0);
      const all = await count();
      // Act: nothing changed; then an article deleted.
      const same = await build();
      await rm(path.join(copy, 'content/en/news/world/openai-funding.en.md'));
      const after = await build();
      // Assess
      expect(same.stdout).toContain(`0 files written, 0 unchanged, ${all} kept (sources unchanged), 0 deleted`);
      expect(tally(after.stdout).kept).toBeGreaterThan(0);
      expect(tally(after.stdout).deleted).toBeGreaterThan(0);
      expect(tally(after.stdout).published).toBe(await count());
    } finally {
      await Promise.all([copy, fresh, state].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('exits 1 with --strict when an article is rejected (0 without), and --quiet prints the errors alone', async () => {
    // Prepare: a copy of the site with a bad article, and a folder of its own (the shared ones stay as the other tests expect).
    const [copy, fresh] = await Promise.all([copySampleSite(), scratch('feedpub-cli-strict-quiet-')]);
    try {
      await writeFile(path.join(copy, 'content/en/news/world/bad.en.md'), '---\ntitle: Bad\ndate: 2025-02-30\n---\nx\n');
      // Act and assess
      const lenient = await runMain(['build', copy, '--out', fresh], { now: SAMPLE_NOW });
      expect(lenient.code).toBe(0);
      expect(lenient.stderr).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: .* \[date-invalid\]$/m);
      const strict = await runMain(['build', copy, '--out', fresh, '--strict', '--quiet'], { now: SAMPLE_NOW });
      expect(strict).toMatchObject({ code: 1, stdout: '' });
      expect(strict.stderr).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: .* \[date-invalid\]\n$/);
    } finally {
      await Promise.all([copy, fresh].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('writes nothing with --strict when an article is rejected: the folder keeps the last good build', async () => {
    // Arrange: a good build with state, then an edit that breaks one article and adds a good one.
    const [copy, fresh, state] = await Promise.all([copySampleSite(), scratch('feedpub-cli-strict-'), scratch('feedpub-cli-strict-state-')]);
    try {
      const good = await runMain(['build', copy, '--out', fresh, '--state', state], { now: SAMPLE_NOW });
      expect(good.code, good.stderr).toBe(0);
      const before = await snapshot(fresh);
      await writeFile(path.join(copy, 'content/en/news/world/bad.en.md'), '---\ntitle: Bad\ndate: 2025-02-30\n---\nx\n');
      await writeFile(path.join(copy, 'content/en/news/world/new.en.md'), '---\ntitle: New\ndate: 2025-02-12 10:00:00\n---\nx\n');
      // Act
      const strict = await runMain(['build', copy, '--out', fresh, '--state', state, '--strict'], { now: SAMPLE_NOW });
      // Assess: exit 1, said so, and not one byte changed (the new article waits for the fix).
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain(`nothing written (--strict: 1 article rejected) → ${fresh}/ keeps the last good run`);
      expect(await snapshot(fresh)).toEqual(before);
      // Without --strict the same run publishes the good article.
      const lenient = await runMain(['build', copy, '--out', fresh, '--state', state], { now: SAMPLE_NOW });
      expect(lenient.code).toBe(0);
      expect(await snapshot(fresh)).not.toEqual(before);
    } finally {
      await Promise.all([copy, fresh, state].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('with --strict, an article held back as a copy of another id also fails the build and writes nothing', async () => {
    const [copy, fresh] = await Promise.all([copySampleSite(), scratch('feedpub-cli-dup-')]);
    try {
      const page = (title: string) => `---\ntitle: ${title}\ndate: 2025-02-12 10:00:00\nid: copied-id\n---\nx\n`;
      await writeFile(path.join(copy, 'content/en/news/world/one.en.md'), page('One'));
      await writeFile(path.join(copy, 'content/en/news/world/two.en.md'), page('Two'));
      const strict = await runMain(['build', copy, '--out', fresh, '--strict'], { now: SAMPLE_NOW });
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('[duplicate-id]');
      expect(strict.stdout).toContain('nothing written (--strict: an article held back as a duplicate)');
      expect(await readdir(fresh)).toEqual([]);
      // Without --strict, the first is published and the build succeeds.
      expect((await runMain(['build', copy, '--out', fresh], { now: SAMPLE_NOW })).code).toBe(0);
    } finally {
      await Promise.all([copy, fresh].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('refuses a content folder that held pages in the last --state run and holds none now, writing nothing', async () => {
    // Arrange: a build with state, then a config whose English contentDir is misspelt.
    const [copy, fresh, state, other] = await Promise.all([
      copySampleSite(),
      scratch('feedpub-cli-dir-'),
      scratch('feedpub-cli-dir-state-'),
      scratch('feedpub-cli-dir-first-'),
    ]);
    try {
      expect((await runMain(['build', copy, '--out', fresh, '--state', state], { now: SAMPLE_NOW })).code).toBe(0);
      const before = await snapshot(fresh);
      const config = path.join(copy, 'hugo.toml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('contentDir = "content/en"', 'contentDir = "contents/en"'));
      // Act
      const run = await runMain(['build', copy, '--out', fresh, '--state', state], { now: SAMPLE_NOW });
      // Assess: a config error naming the key and the pages it would have dropped; the feeds untouched.
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /hugo\.toml: languages\.en\.contentDir: no Markdown page under "contents\/en\/", where the last run read \d+ pages of this language: nothing was published/,
      );
      // What lifts it for a local build (build has no --force; rebuild --force is the buckets' command).
      expect(run.stderr).toContain(`to publish the language without pages, delete the --state folder ${state} and build again)`);
      expect(run.stderr).not.toContain('rebuild --force');
      expect(await snapshot(fresh)).toEqual(before);
      // A first build into an empty folder has nothing to keep: it warns and builds.
      const first = await runMain(['build', copy, '--out', other], { now: SAMPLE_NOW });
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('[content-dir-empty]');
    } finally {
      await Promise.all([copy, fresh, state, other].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('refuses a site folder that does not exist with exit 2, writing nothing, even with --base-url', async () => {
    const run = await runMain(['build', path.join(site, 'nope'), '--out', path.join(site, 'nope-out'), '--base-url', 'https://x.example/'], {
      now: SAMPLE_NOW,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('site folder');
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(path.join(site, 'nope-out'))).toBe(false);
  });

  it('refuses an --out or --state that is a file (or inside one) with exit 2 before building', async () => {
    // Prepare: a file where the folder would be, in a folder of its own (not the shared --out the build tests count).
    const parent = await scratch('feedpub-cli-file-');
    try {
      const file = path.join(parent, 'a-file.txt');
      await writeFile(file, 'x');
      for (const [flag, value, message] of [
        ['--out', file, `--out ${file} is a file, not a folder: give a folder (it is created when missing)`],
        ['--state', file, `--state ${file} is a file, not a folder`],
        ['--out', path.join(file, 'feeds'), `--out ${path.join(file, 'feeds')} is inside ${file}, which is a file`],
      ] as const) {
        // Act
        const run = await runMain(['build', site, flag, value], { now: SAMPLE_NOW });
        // Assess: a usage error naming the flag, and nothing built.
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`feedpub build: ${message}`);
        expect(run.stderr).toMatch(/\(see feedpub build --help\)\n$/);
        expect(run.stdout).toBe('');
      }
      expect(await readdir(parent)).toEqual(['a-file.txt']);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('removes the temporary files a killed build left in --out and --state, and the folders they alone kept', async () => {
    // Prepare: a build, then what a build killed mid-write leaves (its process gone): a feed half written
    // beside the others, one in a tag folder since removed, and the state head and a shard half written.
    const [feeds, state, plain] = await Promise.all([
      scratch('feedpub-cli-killed-'),
      scratch('feedpub-cli-killed-state-'),
      scratch('feedpub-cli-killed-plain-'),
    ]);
    try {
      for (const dir of [feeds, plain])
        expect((await runMain(['build', site, '--out', dir, ...(dir === feeds ? ['--state', state] : [])], { now: SAMPLE_NOW })).code).toBe(0);
      const before = await snapshot(feeds);
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      const left = (dir: string, n: number) => path.join(dir, `.feedpub-tmp-${processPlace()}-${dead}-${n}`);
      await mkdir(path.join(feeds, 'tags', 'removed-tag'));
      await mkdir(path.join(plain, 'tags', 'removed-tag'));
      const halfWritten = [
        left(path.join(feeds, 'tags'), 1),
        left(path.join(feeds, 'tags', 'removed-tag'), 2),
        left(state, 3),
        left(path.join(state, 'manifest'), 4),
        left(path.join(plain, 'all'), 5),
        left(path.join(plain, 'tags', 'removed-tag'), 6),
      ];
      for (const each of halfWritten) await writeFile(each, '<rss');
      // Act: the next builds, with --state and without.
      const next = await runMain(['build', site, '--out', feeds, '--state', state], { now: SAMPLE_NOW });
      const nextPlain = await runMain(['build', site, '--out', plain], { now: SAMPLE_NOW });
      // Assess: every file nobody will finish is gone, and the tag folder; the feeds are as they were.
      expect([next.code, nextPlain.code]).toEqual([0, 0]);
      for (const each of halfWritten) expect(existsSync(each), each).toBe(false);
      expect(existsSync(path.join(feeds, 'tags', 'removed-tag'))).toBe(false);
      expect(existsSync(path.join(plain, 'tags', 'removed-tag'))).toBe(false);
      expect(await snapshot(feeds)).toEqual(before);
    } finally {
      await Promise.all([feeds, state, plain].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('refuses a --state inside --out (or the same folder, or the reverse, through links too) with exit 2, writing nothing', async () => {
    // Prepare: an empty parent, and a link to a folder in it.
    const parent = await scratch('feedpub-cli-nested-');
    try {
      const pub = path.join(parent, 'public');
      await mkdir(pub);
      await symlink(pub, path.join(parent, 'link'));
      const inside = 'is inside';
      for (const [out, state, says] of [
        [pub, path.join(pub, '.feedpub'), `--state ${path.join(pub, '.feedpub')} ${inside} --out ${pub}: give two folders apart (the state would be published`],
        [pub, `${pub}/`, `--state ${pub}/ and --out ${pub} are the same folder`],
        [pub, path.join(parent, 'link', 'state', 'deeper'), `--state ${path.join(parent, 'link', 'state', 'deeper')} ${inside} --out ${pub}`],
        [
          path.join(parent, 'link', 'out'),
          pub,
          `--out ${path.join(parent, 'link', 'out')} ${inside} --state ${pub}: give two folders apart (the feeds would be part of`,
        ],
      ] as const) {
        // Act
        const run = await runMain(['build', site, '--out', out, '--state', state], { now: SAMPLE_NOW });
        // Assess: a usage error naming both flags; nothing written.
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`feedpub build: ${says}`);
        expect(await readdir(pub)).toEqual([]);
      }
      // Apart, side by side: built.
      expect((await runMain(['build', site, '--out', pub, '--state', path.join(parent, 'state')], { now: SAMPLE_NOW })).code).toBe(0);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses an --out or --state that is a symbolic link to nothing (or inside one) with exit 2 before building', async () => {
    // Prepare: a link to nothing, and one to itself.
    const parent = await scratch('feedpub-cli-dangling-');
    try {
      const nowhere = path.join(parent, 'nowhere');
      const loop = path.join(parent, 'loop');
      await symlink('missing', nowhere);
      await symlink('loop', loop);
      for (const [flag, value, message] of [
        ['--out', nowhere, `--out ${nowhere} is a symbolic link that leads nowhere (to missing): create the folder it leads to, or give another folder`],
        [
          '--state',
          path.join(nowhere, 'state'),
          `--state ${path.join(nowhere, 'state')} is inside ${nowhere}, a symbolic link that leads nowhere (to missing)`,
        ],
        ['--out', loop, `--out ${loop} is a symbolic link that leads nowhere (to loop)`],
      ] as const) {
        // Act
        const run = await runMain(['build', site, flag, value, ...(flag === '--state' ? ['--out', path.join(parent, 'out')] : [])], { now: SAMPLE_NOW });
        // Assess: a usage error up front, nothing built.
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`feedpub build: ${message}`);
        expect(existsSync(path.join(parent, 'out'))).toBe(false);
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('names the feed it cannot replace (an immutable file, EPERM), not its temporary file', async (ctx) => {
    // Prepare: a build, one feed marked immutable, and a change that rewrites it.
    const [copy, feeds] = await Promise.all([copySampleSite(), scratch('feedpub-cli-immutable-')]);
    const locked = path.join(feeds, 'all', 'atom.xml');
    let marked = false;
    try {
      expect((await runMain(['build', copy, '--out', feeds], { now: SAMPLE_NOW })).code).toBe(0);
      marked = spawnSync('chattr', ['+i', locked]).status === 0;
      if (!marked) skipBecause(ctx, 'chattr +i is not available here (root on a file system with attributes, such as ext4)');
      const config = path.join(copy, 'hugo.toml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('title = "Example News"', 'title = "Example News, renamed"'));
      // Act
      const run = await runMain(['build', copy, '--out', feeds], { now: SAMPLE_NOW });
      // Assess
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(
        /^feedpub build: cannot write all\/atom\.xml: operation not permitted \(EPERM\): this user may not write it, or it is marked immutable/,
      );
      expect(run.stderr).not.toContain('.feedpub-tmp-');
    } finally {
      if (marked) spawnSync('chattr', ['-i', locked]);
      await Promise.all([copy, feeds].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('says a read-only --out is read-only (EROFS), not missing (ENOENT)', async (ctx) => {
    // Prepare: a read-only file system (root may mount one).
    const parent = await scratch('feedpub-cli-readonly-');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', parent]).status === 0;
    try {
      if (!mounted) skipBecause(ctx, 'cannot mount a read-only tmpfs here (needs root)');
      // Act: the folder is missing, and cannot be made.
      const run = await runMain(['build', site, '--out', path.join(parent, 'public')], { now: SAMPLE_NOW });
      // Assess: what the system said, about the first folder it could not make.
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(`feedpub build: cannot write all/index.xml: read-only file system (EROFS) on ${path.join(parent, 'public')}\n`);
    } finally {
      if (mounted) spawnSync('umount', [parent]);
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('names the folder it looked in when there is no site config, without a placeholder key', async () => {
    const empty = await scratch('feedpub-cli-empty-');
    try {
      const run = await runMain(['build', empty, '--out', path.join(empty, 'public')], { now: SAMPLE_NOW });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^feedpub build: config error: no site config found in the folder ${empty}: add hugo\\.toml there \\(or one of .*config/_default/hugo\\.toml\\), or run with --base-url URL\n$`,
        ),
      );
      const json = await runMain(['check', empty, '--json'], { now: SAMPLE_NOW });
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toEqual({ configError: { message: expect.stringMatching(/^no site config found in the folder /) } });
      // The content folder given instead of the site: named, so the mistake shows.
      const content = await runMain(['build', path.join(site, 'content')], { now: SAMPLE_NOW });
      expect(content.stderr).toContain(`no site config found in the folder ${path.join(site, 'content')}:`);
      expect(`${run.stderr}${json.stdout}${content.stderr}`).not.toContain('(file)');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('with --state, warns of a new article that took the id of one deleted at its path, and notes a moved file', async () => {
    // Prepare: a small site built with state.
    const [dir, feeds, state] = await Promise.all([scratch('feedpub-cli-ids-'), scratch('feedpub-cli-ids-out-'), scratch('feedpub-cli-ids-state-')]);
    const post = (name: string): string => path.join(dir, 'content/posts', name);
    const build = () => runMain(['build', dir, '--out', feeds, '--state', state], { now: SAMPLE_NOW });
    try {
      await mkdir(path.join(dir, 'content/posts'), { recursive: true });
      await writeFile(path.join(dir, 'hugo.toml'), 'baseURL = "https://ex.org/"\ntitle = "T"\n');
      await writeFile(post('weekly-roundup.md'), '---\ntitle: "Weekly roundup: fires in the north"\ndate: 2025-01-03T09:00:00Z\n---\nFirst week.\n');
      await writeFile(post('other.md'), '---\ntitle: "Other"\ndate: 2025-01-02T09:00:00Z\n---\nOther body.\n');
      expect((await build()).code).toBe(0);
      const oldIds = [...(await readFile(path.join(feeds, 'index.xml'), 'utf8')).matchAll(/<guid[^>]*>([^<]+)</g)].map((m) => m[1]);
      // Act: one article deleted and the other renamed; then a new article at the deleted one's path.
      await rm(post('weekly-roundup.md'));
      await rename(post('other.md'), post('other-renamed.md'));
      const moved = await build();
      await writeFile(post('weekly-roundup.md'), '---\ntitle: "Weekly roundup: elections special"\ndate: 2025-01-10T09:00:00Z\n---\nSecond week.\n');
      const reused = await build();
      // Assess
      expect(moved.stderr).toMatch(
        new RegExp(
          `^content/posts/other-renamed\\.md: info: has the bytes of content/posts/other\\.md, which is gone .*add \`id: "${oldIds[1]}"\` .*\\[id-changed\\]$`,
          'm',
        ),
      );
      expect(reused.stderr).toMatch(
        new RegExp(
          `^content/posts/weekly-roundup\\.md: warning: has the item id ${oldIds[0]} of the article deleted from this path earlier \\("Weekly roundup: fires in the north", 2025-01-03 09:00 UTC\\): .*add \`id: "urn:uuid:[0-9a-f-]+"\` to its front matter .*\\[id-reused\\]$`,
          'm',
        ),
      );
      expect(reused.stderr).not.toContain('[id-changed]');
    } finally {
      await Promise.all([dir, feeds, state].map((d) => rm(d, { recursive: true, force: true })));
    }
  });

  it('prints the id-namespace notice: ids that keep an earlier salt when the baseURL moves', async () => {
    // Prepare: a first build with state, at one host.
    const [state, feeds] = await Promise.all([scratch('feedpub-cli-state-'), scratch('feedpub-cli-moved-')]);
    try {
      const first = await runMain(['build', site, '--out', feeds, '--state', state, '--base-url', 'https://old.example/'], { now: SAMPLE_NOW });
      expect(first.stderr).not.toContain('[id-namespace]');
      // Act: the site moves.
      const moved = await runMain(['build', site, '--out', feeds, '--state', state, '--base-url', 'https://new.example/'], { now: SAMPLE_NOW });
      // Assess: told, as the README promises; not with --quiet.
      expect(moved.code).toBe(0);
      expect(moved.stderr).toMatch(/^hugo\.toml: info: item and feed ids keep the idNamespace "old\.example\/" .* \[id-namespace\]$/m);
      expect(moved.stderr).not.toMatch(/\[(draft|future)\]/);
      const quiet = await runMain(['build', site, '--out', feeds, '--state', state, '--base-url', 'https://new.example/', '-q'], { now: SAMPLE_NOW });
      expect(quiet.stderr).not.toContain('[id-namespace]');
    } finally {
      await Promise.all([state, feeds].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it('warns of each feedpub.* file that is not read, naming the one that is', async () => {
    const copy = await copySampleSite();
    try {
      await Promise.all([writeFile(path.join(copy, 'feedpub.toml'), 'limit = 3\n'), writeFile(path.join(copy, 'feedpub.json'), '{"limit": 5}\n')]);
      const run = await runMain(['build', copy, '--out', path.join(copy, 'public')], { now: SAMPLE_NOW });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        /^feedpub\.json: warning: not read: only the first of feedpub\.toml, feedpub\.yaml, feedpub\.yml, feedpub\.json is, feedpub\.toml here; .* \[config-ignored\]$/m,
      );
      expect(run.stderr).not.toMatch(/^feedpub\.toml: warning/m);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('exits 2 on a config with several invalid settings, naming each with what it takes and what it holds', async () => {
    const copy = await copySampleSite();
    try {
      await writeFile(path.join(copy, 'feedpub.toml'), 'limit = "20"\nitemIds = "guid"\n');
      const run = await runMain(['build', copy, '--out', path.join(copy, 'public')], { now: SAMPLE_NOW });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'feedpub build: config error: 2 settings cannot work: feedpub.toml: limit: must be a whole number from 1 to 10000; found "20" (a string: write it without the quotes); feedpub.toml: itemIds: must be "uuid" or "permalink"; found "guid"\n',
      );
      const json = await runMain(['check', copy, '--json'], { now: SAMPLE_NOW });
      expect(JSON.parse(json.stdout)).toMatchObject({ configError: { key: 'limit, itemIds', file: 'feedpub.toml' } });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('refuses an empty --out or --state (the current folder, shown as "/") with exit 2', async () => {
    for (const flag of ['--out', '--state']) {
      const run = await runMain(['build', site, flag, ''], { now: SAMPLE_NOW });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`feedpub build: ${flag} needs a folder (see feedpub build --help)\n`);
    }
  });

  it('warns of feed files in --out that the build does not write (another site, an earlier build), and leaves them', async () => {
    // Prepare: the sample built into a folder, then a one-article site built into the same folder.
    const mixed = await scratch('feedpub-cli-mixed-');
    const other = await scratch('feedpub-cli-other-');
    const fresh = await scratch('feedpub-cli-fresh-');
    try {
      expect((await runMain(['build', site, '--out', mixed], { now: SAMPLE_NOW })).code).toBe(0);
      await writeFile(path.join(other, 'hugo.toml'), 'baseURL = "https://other.example/"\ntitle = "Other"\n');
      await mkdir(path.join(other, 'content', 'posts'), { recursive: true });
      await writeFile(path.join(other, 'content', 'posts', 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n');

      const run = await runMain(['build', other, '--out', mixed], { now: SAMPLE_NOW });

      // Assess: one warning naming the sample's feeds; they are left in place; none for a clean folder.
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        /^all\/atom\.xml: warning: the output holds \d+ feed files this run does not write \(all\/atom\.xml, all\/feed\.json, all\/index\.xml, … \(\d+ more\)\), left in place: .* \[stray-feed-files\]$/m,
      );
      expect(existsSync(path.join(mixed, 'zh-cn', 'index.xml'))).toBe(true);
      const clean = await runMain(['build', other, '--out', fresh], { now: SAMPLE_NOW });
      expect(clean.stderr).not.toContain('stray-feed-files');
    } finally {
      await Promise.all([mixed, other, fresh].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});

/** Every file under `dir` and its bytes, by relative path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    files.map(async (e): Promise<[string, string]> => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), await readFile(file, 'base64')];
    }),
  );
  return Object.fromEntries(entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
