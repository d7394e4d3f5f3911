import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { parseConfigText } from '../../src/config/config-files.js';
import { resolveSiteConfig } from '../../src/config/site-config.js';
import { ConfigError } from '../../src/errors.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, textFiles } from '../support/build.js';
import { expectThrown } from '../support/thrown.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// Hugo 0.158 renamed `languageCode` to `locale`, `languageName` to `label` and `languageDirection` to
// `direction`, at the top level and per language (the old names are deprecated, still read): a site written
// for it names its languages with the new keys only.
const resolve = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' });
const NOW = Date.parse('2025-06-01T00:00:00Z');

describe('Hugo 0.158 language keys: locale and label', () => {
  it('reads the site locale of a site of one language as its code, as languageCode', () => {
    expect(resolve('locale = "zh-CN"\n').languages.map((l) => l.code)).toEqual(['zh-CN']);
    expect(resolve('locale = "zh_TW"\n').languages.map((l) => l.code)).toEqual(['zh-TW']);
    // Both written: the new name wins, as Hugo 0.158 reads it.
    expect(resolve('locale = "zh-CN"\nlanguageCode = "en-US"\n').languages.map((l) => l.code)).toEqual(['zh-CN']);
    expect(resolve('languageCode = "en-US"\n').languages.map((l) => l.code)).toEqual(['en-US']);
  });

  it("reads a language's locale as its code and its label as its name", () => {
    const site = resolve('defaultContentLanguage = "cn"\n[languages.cn]\nlocale = "zh-CN"\nlabel = "简体中文"\n[languages.tw]\nlocale = "zh-TW"\n');
    expect(site.languages.map((l) => [l.key, l.code, l.name, l.unknownCode])).toEqual([
      ['cn', 'zh-CN', '简体中文', undefined],
      ['tw', 'zh-TW', 'tw', undefined],
    ]);
    // The site's locale stands in for a language without its own, as the site's languageCode does.
    expect(resolve('locale = "en-US"\ndefaultContentLanguage = "cn"\n[languages.cn]\nweight = 1\n').languages[0]?.code).toBe('en-US');
    // label over languageName; languageName alone still names it.
    expect(resolve('defaultContentLanguage = "fr"\n[languages.fr]\nlabel = "Français"\nlanguageName = "French"\n').languages[0]?.name).toBe('Français');
    expect(resolve('defaultContentLanguage = "fr"\n[languages.fr]\nlanguageName = "French"\n').languages[0]?.name).toBe('French');
  });

  it('names the key as written in an error about a locale that is no language tag', () => {
    expect(expectThrown(ConfigError, () => resolve('locale = "x y"\n')).key).toBe('locale');
    expect(expectThrown(ConfigError, () => resolve('defaultContentLanguage = "cn"\n[languages.cn]\nlocale = "simplified chinese"\n')).key).toBe(
      'languages.cn.locale',
    );
    expect(expectThrown(ConfigError, () => resolve('defaultContentLanguage = "cn"\n[languages.cn]\nlabel = 3\n')).key).toBe('languages.cn.label');
  });

  it('publishes each language of a site written for Hugo 0.158 in its locale, names it by its label, and tells to set locale where none is', async () => {
    // Arrange
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://ex.example/"\ntitle = "T"\ndefaultContentLanguage = "cn"\n[languages.cn]\nlocale = "zh-CN"\nlabel = "简体中文站"\nweight = 1\n[languages.tw]\nlocale = "zh-TW"\nweight = 2\n[languages.jp]\nweight = 3\n',
      ],
      ...['cn', 'tw', 'jp'].map((l): [string, string] => [`content/posts/a.${l}.md`, `---\ntitle: t ${l}\ndate: 2024-01-02T00:00:00Z\n---\nbody\n`]),
    ]);
    // Act
    const { report, target } = await buildToMemory(source, NOW);
    // Assess
    const files = textFiles(target);
    expect(files.get('index.xml')).toContain('<language>zh-CN</language>');
    expect(files.get('tw/index.xml')).toContain('<language>zh-TW</language>');
    expect(files.get('tw/atom.xml')).toContain('xml:lang="zh-TW"');
    expect(files.get('feeds/index.html')).toContain('简体中文站');
    expect(files.get('feeds/all.opml')).toContain('简体中文站');
    expect(report.problems.filter((p) => p.rule === 'language-code-unknown').map((p) => p.message)).toEqual([
      'languages.jp.locale: not set, and the language key "jp" is no language code (ISO 639): its feeds name no language; set languages.jp.locale (ja, if that is the language; languageCode before Hugo 0.158)',
    ]);
    expectValidFeeds(files, 'https://ex.example/');
  });
});

describe('the first run after an upgrade from a feedpub that did not read locale', () => {
  it('resolves the unchanged config files again and publishes the locale, in a run for one uploaded page too', async () => {
    // Arrange: the feeds an older feedpub published from these very files (it took the key, en, for the code).
    const config = 'baseURL = "https://ex.example/"\ntitle = "T"\nlocale = "zh-CN"\n';
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2024-01-02T00:00:00Z\n---\nbody\n'],
    ]);
    const deps = { source, target: new MemoryStorage(), state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
    await rebuild({
      ...deps,
      source: new MemoryStorage(
        [...source.snapshot()].map(([k, o]) => [k, k === 'hugo.toml' ? 'baseURL = "https://ex.example/"\ntitle = "T"\n' : o.body] as const),
      ),
    });
    const oldFeeds = textFiles(deps.target);
    await rebuild(deps);
    // Its manifest: the config resolved without locale, by a feedpub of CONFIG_VERSION 1 (same change tokens).
    const head = deps.state.snapshot().get(MANIFEST_KEY)?.body;
    if (head === undefined) throw new Error('no manifest');
    const [index, rest] = gunzipSync(head).toString('utf8').split('\n');
    const manifest = JSON.parse(rest ?? '') as { site: { languages: { code?: string }[] }; configSource: Record<string, unknown> };
    const site = { ...manifest.site, languages: manifest.site.languages.map((l) => ({ ...l, code: 'en' })) };
    const older = `${index}\n${JSON.stringify({ ...manifest, site, configSource: { ...manifest.configSource, configVersion: 1 } })}`;
    await deps.state.write({ key: MANIFEST_KEY, body: gzipSync(older), contentType: '', cacheControl: '' });
    for (const [key, text] of oldFeeds) await deps.target.write({ key, body: new TextEncoder().encode(text), contentType: '', cacheControl: '' });
    expect(oldFeeds.get('index.xml')).toContain('<language>en</language>');
    await source.write({
      key: 'content/posts/b.md',
      body: new TextEncoder().encode('---\ntitle: B\ndate: 2024-01-03T00:00:00Z\n---\nbody\n'),
      contentType: '',
      cacheControl: '',
    });
    // Act
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    // Assess
    const files = textFiles(deps.target);
    expect(files.get('index.xml')).toContain('<language>zh-CN</language>');
    expect(files).toEqual(await cleanBuildOf(source, NOW));
  });
});
