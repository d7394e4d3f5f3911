import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './cli-harness.js';

/**
 * Symbolic links in a site folder (found by an audit: linked articles left every feed unsaid). `build`
 * follows the links that stay inside the site folder as Hugo 0.111 does (checked against `hugo`), under
 * the link's URL; the others it names in a warning, as does `check`; the output folder is never written
 * through a link.
 */
const NOW = Date.parse('2025-01-01T00:00:00Z');
const CONFIG = 'baseURL = "https://links.example/"\ntitle = "Links"\n';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A new folder holding `files` (relative paths), then `links` (link path → target, as written). */
function folder(files: Readonly<Record<string, string>>, links: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-links-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(dir, name));
  return dir;
}

const page = (title: string, day: number) => `---\ntitle: ${title}\ndate: 2024-01-${String(day).padStart(2, '0')}\n---\nText of ${title}.\n`;

/** The item links of an RSS file, sorted. */
function itemLinks(xml: string): string[] {
  return [...xml.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? '').sort();
}

describe('symbolic links in the site folder', () => {
  it("publishes linked files and folders inside the site at the link's URL, exactly the pages Hugo 0.111 publishes", async () => {
    // Prepare: the audit's two links, plus a link to an ancestor (content/), one to its own folder, and three more
    // links to content/other (Hugo lists a folder through the first link it claims: content/b).
    const site = folder(
      {
        'hugo.toml': CONFIG,
        'content/news/real.md': page('Real', 3),
        'content/other/t.md': page('T', 1),
        'content/other/u.md': page('U', 2),
        'content/a/x.md': page('X', 4),
      },
      {
        'content/news/link.md': '../other/t.md',
        'content/news/ld': '../other',
        'content/news/cyc': '..',
        'content/news/self': '.',
        'content/news/ld2': '../other',
        'content/a/l': '../other',
        'content/b': 'other',
      },
    );
    const out = path.join(site, 'feeds');
    const hugoOut = path.join(site, 'hugo-public');
    execFileSync('hugo', ['--quiet', '--source', site, '--destination', hugoOut, '--cacheDir', path.join(site, 'hugo-cache')], {
      timeout: 60_000,
      stdio: 'pipe',
    });
    // Act
    const run = await runMain(['build', site, '--out', out], { now: NOW });
    // Assess: the home feed lists what Hugo's lists, and the audit's links are among them.
    expect(run.code, run.stderr).toBe(0);
    const ours = itemLinks(readFileSync(path.join(out, 'index.xml'), 'utf8'));
    expect(ours).toEqual(itemLinks(readFileSync(path.join(hugoOut, 'index.xml'), 'utf8')));
    expect(ours).toContain('https://links.example/news/link/');
    expect(ours).toContain('https://links.example/news/cyc/news/real/');
    expect(itemLinks(readFileSync(path.join(out, 'b/index.xml'), 'utf8'))).toEqual(['https://links.example/b/t/', 'https://links.example/b/u/']);
    expect(run.stdout).toContain('articles: 14 found, 14 parsed, 14 published');
    // The links not followed, as Hugo does not follow them either, are named.
    expect(run.stderr.trim().split('\n')).toEqual([
      'content/a/l: warning: symbolic link to a folder already listed through content/b: not followed, as in Hugo (a folder is listed once) [symlink-repeat]',
      'content/news/cyc/news/cyc: warning: symbolic link back to a folder that holds it (listed through content/news/cyc): not followed, as in Hugo [symlink-loop]',
      'content/news/ld: warning: symbolic link to a folder already listed through content/b: not followed, as in Hugo (a folder is listed once) [symlink-repeat]',
      'content/news/ld2: warning: symbolic link to a folder already listed through content/b: not followed, as in Hugo (a folder is listed once) [symlink-repeat]',
      'content/news/self/self: warning: symbolic link back to a folder that holds it (listed through content/news/self): not followed, as in Hugo [symlink-loop]',
    ]);
  });

  it('builds the file link and the folder link of the audit into the section feed', async () => {
    // Prepare
    const site = folder(
      { 'hugo.toml': CONFIG, 'content/news/real.md': page('Real', 3), 'content/other/t.md': page('T', 1) },
      { 'content/news/link.md': '../other/t.md', 'content/news/ld': '../other' },
    );
    const out = path.join(site, 'feeds');
    // Act
    const run = await runMain(['build', site, '--out', out], { now: NOW });
    // Assess
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(itemLinks(readFileSync(path.join(out, 'news/index.xml'), 'utf8'))).toEqual([
      'https://links.example/news/ld/t/',
      'https://links.example/news/link/',
      'https://links.example/news/real/',
    ]);
    const json = JSON.parse(readFileSync(path.join(out, 'news/feed.json'), 'utf8')) as { items: { url: string; title: string }[] };
    expect(json.items.find((i) => i.url === 'https://links.example/news/link/')?.title).toBe('T');
  });

  it('follows no link out of the site folder nor a broken one, and says so in build and check', async () => {
    // Prepare: a secret article outside the site, reached by a file link and a folder link; two broken links.
    const outside = folder({ 'secret.md': page('Secret', 5) });
    const site = folder(
      { 'hugo.toml': CONFIG, 'content/news/real.md': page('Real', 3) },
      {
        'content/news/out.md': path.join(outside, 'secret.md'),
        'content/news/outdir': outside,
        'content/news/broken.md': '../gone.md',
        'content/gone': 'nowhere',
      },
    );
    const out = path.join(site, 'feeds');
    const warnings = [
      'content/gone: warning: symbolic link to nothing (a missing path, or a loop of links): skipped [symlink-broken]',
      'content/news/broken.md: warning: symbolic link to nothing (a missing path, or a loop of links): skipped [symlink-broken]',
      `content/news/out.md: warning: symbolic link to ${path.join(outside, 'secret.md')}, outside the site folder: not followed (feedpub reads nothing outside it) [symlink-outside]`,
      `content/news/outdir: warning: symbolic link to ${outside}, outside the site folder: not followed (feedpub reads nothing outside it) [symlink-outside]`,
    ];
    // Act
    const build = await runMain(['build', site, '--out', out], { now: NOW });
    const check = await runMain(['check', site], { now: NOW });
    const json = await runMain(['check', site, '--json'], { now: NOW });
    // Assess: the secret is in no feed, and each link is named with the reason.
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr.trim().split('\n')).toEqual(warnings);
    expect(build.stdout).toContain('articles: 1 found, 1 parsed, 1 published');
    for (const file of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.xml') || file.endsWith('.json')) expect(readFileSync(path.join(out, file), 'utf8')).not.toContain('Secret');
    }
    expect(check.code).toBe(0);
    expect(check.stdout.trim().split('\n')).toEqual([...warnings, '1 article: 1 published, 0 held back, 0 skipped, 0 rejected; 2 feeds; 0 errors, 4 warnings']);
    const parsed = JSON.parse(json.stdout) as { summary: { warnings: number }; problems: { file: string; rule: string }[] };
    expect(parsed.summary.warnings).toBe(4);
    expect(parsed.problems.map((p) => `${p.file} ${p.rule}`)).toEqual([
      'content/gone symlink-broken',
      'content/news/broken.md symlink-broken',
      'content/news/out.md symlink-outside',
      'content/news/outdir symlink-outside',
    ]);
    // --quiet: errors only.
    expect((await runMain(['build', site, '--out', out, '--quiet'], { now: NOW })).stderr).toBe('');
  });

  it('names a config file that links out of the site folder beside the error it causes', async () => {
    // Prepare
    const shared = folder({ 'hugo.toml': CONFIG });
    const site = folder({ 'content/news/real.md': page('Real', 3) }, { 'hugo.toml': path.join(shared, 'hugo.toml') });
    // Act
    const run = await runMain(['build', site, '--out', path.join(site, 'feeds')], { now: NOW });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^hugo\.toml: warning: symbolic link to \/.*\/hugo\.toml, outside the site folder: not followed \(feedpub reads nothing outside it\) \[symlink-outside\]\nfeedpub build: config error: no site config found/,
    );
    // --quiet: the error alone, in check as in build.
    for (const command of ['build', 'check']) {
      const quiet = await runMain([command, site, '--quiet', ...(command === 'build' ? ['--out', path.join(site, 'feeds')] : [])], { now: NOW });
      expect(quiet.code).toBe(2);
      expect(quiet.stderr).toMatch(new RegExp(`^feedpub ${command}: config error: no site config found`));
    }
  });

  it('stops, naming the link, when a content folder is reached only through a link out of the site folder (it wrote empty feeds)', async () => {
    // Prepare: the bench corpora's Hugo sites share their content so: content -> ../1000/content.
    const shared = folder({ 'content/en/a.md': page('A', 1), 'content/fr/b.md': page('B', 2) });
    const multilingual = `${CONFIG}defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n`;
    const site = folder({ 'hugo.toml': multilingual }, { content: '../shared-content' });
    symlinkSync(path.join(shared, 'content'), path.join(path.dirname(site), 'shared-content'));
    dirs.push(path.join(path.dirname(site), 'shared-content'));
    const out = path.join(site, 'feeds');
    // Act
    const build = await runMain(['build', site, '--out', out], { now: NOW });
    const json = await runMain(['check', site, '--json'], { now: NOW });
    // Assess: exit 2 before anything is written, the link and where it leads named.
    expect(build.code).toBe(2);
    expect(build.stderr.trim()).toBe(
      'feedpub build: config error: content/en (under content): the symbolic link content → ../shared-content leads outside the site folder, and feedpub reads nothing outside it (a build could otherwise publish any file a link leads to): make it a folder of the site, or build the site folder it leads into',
    );
    expect(() => readdirSync(out)).toThrow();
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      configError: { file: 'content', message: expect.stringContaining('the symbolic link content → ../shared-content') },
    });
    // A language folder that is itself the link is named alone.
    const one = folder({ 'hugo.toml': multilingual, 'content/en/a.md': page('A', 1) }, { 'content/fr': path.join(shared, 'content/fr') });
    const second = await runMain(['build', one, '--out', path.join(one, 'feeds')], { now: NOW });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`config error: content/fr: the symbolic link content/fr → ${path.join(shared, 'content/fr')} leads outside`);
  });

  it('still refuses to write feeds through a link in the output folder', async () => {
    // Prepare: the output folder's news/ leads to a folder outside it.
    const victim = folder({});
    const site = folder({ 'hugo.toml': CONFIG, 'content/news/real.md': page('Real', 3) });
    const out = path.join(site, 'out');
    mkdirSync(out);
    symlinkSync(victim, path.join(out, 'news'));
    // Act
    const run = await runMain(['build', site, '--out', out], { now: NOW });
    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot write news/index.xml: Error: key resolves outside the storage root');
    expect(readdirSync(victim)).toEqual([]);
  });
});
