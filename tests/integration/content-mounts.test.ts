import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { parseConfigText } from '../../src/config/config-files.js';
import { resolveSiteConfig } from '../../src/config/site-config.js';
import { ConfigError, ConfigErrors } from '../../src/errors.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps } from '../support/build.js';
import { expectThrown } from '../support/thrown.js';

// Hugo's content mounts (`[[module.mounts]]`, documented since Hugo 0.96 with `lang`): where a site defines
// one whose target is `content`, Hugo reads its content from its mounts alone, and not from contentDir.
const page = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-02\n---\nHello\n`;
const NOW = Date.parse('2025-03-01T00:00:00Z');
const TWO = `baseURL = 'https://example.org/'
title = 'Ex'
[languages.en]
weight = 1
[languages.de]
weight = 2
[[module.mounts]]
source = 'content/en'
target = 'content'
lang = 'en'
[[module.mounts]]
source = 'content/de'
target = 'content'
lang = 'de'
`;
const resolve = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' });
const errorOf = (toml: string): ConfigError => {
  const error = expectThrown(ConfigError, () => resolve(toml));
  return error instanceof ConfigErrors ? (error.errors[0] ?? error) : error;
};

describe('content mounts with lang (the audit site: content/en and content/de mounted at content)', () => {
  it("publishes each language's pages in its own feeds, at its own URLs", async () => {
    // Arrange
    const source = new MemoryStorage([
      ['hugo.toml', TWO],
      ['content/en/posts/a.md', page('Hello')],
      ['content/de/posts/a.md', page('Hallo')],
    ]);
    // Act
    const { report, files } = await buildToMemory(source, NOW);
    // Assess: before, both were English pages (/en/posts/a/, /de/posts/a/) and the German feed was empty.
    const links = (path: string) => [...(files.get(path) ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1]);
    expect(links('index.xml')).toEqual(['https://example.org/posts/a/']);
    expect(links('de/index.xml')).toEqual(['https://example.org/de/posts/a/']);
    expect(links('de/posts/index.xml')).toEqual(['https://example.org/de/posts/a/']);
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it("reads a mount without lang as the default language's, and takes it over contentDir (which Hugo does not read beside mounts)", () => {
    const site = resolve(
      'contentDir = "elsewhere"\ndefaultContentLanguage = "de"\n[languages.en]\ncontentDir = "other"\nweight = 2\n[languages.de]\nweight = 1\n[[module.mounts]]\nsource = "./docs/"\ntarget = "content/"\n[[module.mounts]]\nsource = "assets"\ntarget = "assets"\n',
    );
    // en, with no mount of its own, shares the default language's folder, where its pages are named a.en.md.
    expect(site.languages.map((l) => [l.key, l.contentDir, l.contentDirSetting])).toEqual([
      ['de', 'docs', 'module.mounts[0]'],
      ['en', 'docs', 'module.mounts[0]'],
    ]);
    // A site of one language; mounts of other folders alone change nothing.
    expect(resolve('[[module.mounts]]\nsource = "src"\ntarget = "content"\n').languages.map((l) => l.contentDir)).toEqual(['src']);
    expect(resolve('[[module.mounts]]\nsource = "scss"\ntarget = "assets/scss"\n').languages.map((l) => l.contentDir)).toEqual(['content']);
    // A disabled language's mount is not read.
    expect(resolve(`disableLanguages = ["de"]\n${TWO.replace("baseURL = 'https://example.org/'\n", '')}`).languages.map((l) => l.contentDir)).toEqual([
      'content/en',
    ]);
  });

  it('names the mount and what feedpub does not read in a config error, for every form it would publish wrongly', () => {
    const mount = (lines: string) => `[[module.mounts]]\nsource = "content"\ntarget = "content"\n${lines}`;
    const cases: [string, string, string][] = [
      [mount('excludeFiles = "drafts/**"\n'), 'module.mounts[0]', 'excludeFiles: a filter of the mounted files'],
      [mount('includeFiles = ["*.md"]\n'), 'module.mounts[0]', 'includeFiles: a filter'],
      [mount('files = ["! docs/*"]\n'), 'module.mounts[0]', "files: Hugo 0.153's filter"],
      [mount('[module.mounts.sites.matrix]\nlanguages = ["en"]\n'), 'module.mounts[0]', "sites: Hugo 0.153's sites matrix"],
      ['[[module.mounts]]\nsource = "../shared/content"\ntarget = "content"\n', 'module.mounts[0]', 'is outside the site folder'],
      ['[[module.mounts]]\nsource = "/srv/content"\ntarget = "content"\n', 'module.mounts[0]', 'is outside the site folder'],
      [
        '[[module.mounts]]\nsource = "content"\ntarget = "content"\n[[module.mounts]]\nsource = "blog"\ntarget = "content/blog"\n',
        'module.mounts[1]',
        'a mount below content/ is not supported',
      ],
      [`${mount('')}[[module.mounts]]\nsource = "more"\ntarget = "content"\n`, 'module.mounts[1]', 'a second content mount of language "en"'],
      [mount('lang = "fr"\n'), 'module.mounts[0]', 'lang "fr" is not one of the languages (en)'],
      [
        '[languages.en]\nweight = 1\n[languages.pt-BR]\nweight = 2\n[[module.mounts]]\nsource = "content"\ntarget = "content"\n[[module.mounts]]\nsource = "pt"\ntarget = "content"\nlang = "pt-BR"\n',
        'module.mounts[1]',
        'lang "pt-BR" is not the key of a language as Hugo reads it ("pt-br", in lower case): Hugo reads no page of this mount',
      ],
      [
        'defaultContentLanguage = "en"\n[languages.en]\n[languages.de]\n[[module.mounts]]\nsource = "de"\ntarget = "content"\nlang = "de"\n',
        'module.mounts',
        'no content mount of the default language "en"',
      ],
      [
        '[[module.imports]]\npath = "github.com/x/theme"\n[[module.imports.mounts]]\nsource = "content"\ntarget = "content"\n',
        'module.imports[0].mounts[0]',
        'content mounted from an imported module or theme',
      ],
      ['module = "x"\n', 'module', 'must be a table'],
    ];
    for (const [toml, key, message] of cases) {
      const error = errorOf(toml);
      expect([error.key, error.message], toml).toEqual([key, expect.stringContaining(message)]);
    }
  });

  it('is refused by a deployment whose content prefix does not hold a mounted folder, naming the mount (the function may list its prefix only)', async () => {
    // Arrange
    const source = new MemoryStorage([
      ['hugo.toml', TWO.replace("source = 'content/de'", "source = 'docs/de'")],
      ['content/en/posts/a.md', page('Hello')],
      ['docs/de/posts/a.md', page('Hallo')],
    ]);
    // Act
    const error = await buildToMemory(source, NOW, { contentPrefix: 'content/' }).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('module.mounts[1]');
    expect((error as ConfigError).message).toContain('"docs/de" is outside content/');
    // Built locally, it is read where the mount says.
    const { files } = await buildToMemory(source, NOW);
    expect(files.get('de/index.xml')).toContain('<title>Hallo</title>');
  });

  it('names the mount when its folder holds no page', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', TWO],
      ['content/en/posts/a.md', page('Hello')],
    ]);
    const { report } = await buildToMemory(source, NOW);
    expect(report.problems.filter((p) => p.rule === 'content-dir-empty').map((p) => p.message)).toEqual([
      'module.mounts[1]: no Markdown page under "content/de/"; is the folder name right?',
    ]);
  });

  it('refuses, after an upgrade and from unchanged config files, a mount whose lang Hugo matches with no language, in a run for one upload too', async () => {
    for (const event of [false, true]) {
      // Arrange: the state feedpub of CONFIG_VERSION 7 left, which read lang = 'DE' as de and published its pages.
      const source = new MemoryStorage([
        ['hugo.toml', TWO],
        ['content/en/posts/a.md', page('Hello')],
        ['content/de/posts/a.md', page('Hallo')],
      ]);
      const state = new MemoryStorage();
      const deps = memoryDeps(source, NOW, { state });
      await rebuild(deps);
      await source.write({ key: 'hugo.toml', body: TWO.replace("lang = 'de'", "lang = 'DE'"), contentType: '', cacheControl: '' });
      let version: string | undefined;
      for await (const o of source.list('')) if (o.key === 'hugo.toml') version = o.version;
      const head = state.snapshot().get(MANIFEST_KEY)?.body;
      if (head === undefined || version === undefined) throw new Error('no manifest');
      const [index, rest] = gunzipSync(head).toString('utf8').split('\n');
      const manifest = JSON.parse(rest ?? '') as { configSource: { versions: Record<string, string> } };
      const configSource = { ...manifest.configSource, configVersion: 7, versions: { ...manifest.configSource.versions, 'hugo.toml': version } };
      await state.write({
        key: MANIFEST_KEY,
        body: gzipSync(`${index}\n${JSON.stringify({ ...manifest, configSource })}`),
        contentType: '',
        cacheControl: '',
      });
      await source.write({ key: 'content/en/posts/b.md', body: page('Again'), contentType: '', cacheControl: '' });
      // Act
      const error = await rebuild(deps, event ? { changedKeys: ['content/en/posts/b.md'] } : {}).catch((e: unknown) => e);
      // Assess
      expect(error, `event: ${event}`).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('module.mounts[1]: lang "DE" is not the key of a language as Hugo reads it ("de", in lower case)');
    }
  });
});
