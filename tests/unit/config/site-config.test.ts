import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/config-files.js';
import { configDirKeyPath, FEEDPUB_CONFIG_FILES, hugoConfigOrder, ignoredConfigFiles, isConfigKey } from '../../../src/config/config-keys.js';
import { NoSiteConfigError, SITE_CONFIG_NAMES } from '../../../src/config/no-site-config-error.js';
import { mergeHugoConfig } from '../../../src/config/merge-config.js';
import { DEFAULT_FEED_OPTIONS, resolveSiteConfig } from '../../../src/config/site-config.js';
import { ConfigError, ConfigErrors } from '../../../src/errors.js';
import { ownLanguageCode } from '../../../src/model.js';
import { loadSiteConfig, loadSiteConfigWithWarnings } from '../../../src/site.js';
import { expectThrown } from '../../support/thrown.js';

function configError(fn: () => unknown): ConfigError {
  return expectThrown(ConfigError, fn);
}

describe('site config', () => {
  it('leaves out disabled languages, and refuses to disable the default one', () => {
    const site = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', toml), { file: 'hugo.toml' });
    const two = 'baseURL = "https://example.com/"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n[languages.de]\ndisabled = true\n';
    expect(site(`disableLanguages = ["FR"]\n${two}`).languages.map((l) => l.key)).toEqual(['en']);
    expect(site(`disableLanguages = ["FR"]\n${two}`).disabledLanguages).toEqual(['de', 'fr']);
    expect(site(two).disabledLanguages).toEqual(['de']);
    expect(configError(() => site(`disableLanguages = ["en"]\n${two}`)).key).toBe('disableLanguages');
    expect(configError(() => site(`disableLanguages = "fr"\n${two}`)).key).toBe('disableLanguages');
  });

  it('puts the default language in a subfolder only when more than one language is enabled, as Hugo 0.111 does', () => {
    const inSubdir = (toml: string) =>
      resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\ndefaultContentLanguageInSubdir = true\n${toml}`), { file: 'hugo.toml' })
        .defaultContentLanguageInSubdir;
    expect(inSubdir('')).toBe(false);
    expect(inSubdir('[languages.en]\nweight = 1\n')).toBe(false);
    expect(inSubdir('disableLanguages = ["de"]\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n')).toBe(false);
    expect(inSubdir('[languages.en]\nweight = 1\n[languages.de]\nweight = 2\ndisabled = true\n')).toBe(false);
    expect(inSubdir('[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n')).toBe(true);
  });

  it('reads [frontmatter] date sources as Hugo 0.111: :default expanded, aliases after their key, :git and :fileModTime left out', () => {
    const site = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' });
    expect(site('[frontMatter]\nDate = [":filename", ":default"]\nlastmod = ["MyMod", ":git", "lastmod"]\n').frontMatterDates).toEqual({
      date: [':filename', 'date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
      publishDate: ['publishdate', 'pubdate', 'published', 'date'],
      lastmod: ['mymod', 'lastmod', 'modified'],
      expiryDate: ['expirydate', 'unpublishdate'],
    });
    // The defaults written out, or no table: nothing to remember (the site's config hash stays the same).
    expect(site('[frontmatter]\ndate = [":default"]\n').frontMatterDates).toBeUndefined();
    expect(site('').frontMatterDates).toBeUndefined();
    expect(configError(() => site('[frontmatter]\ndate = [":filenmae"]\n')).key).toBe('frontmatter.date');
    expect(configError(() => site('[frontmatter]\nexpiryDate = 3\n')).key).toBe('frontmatter.expiryDate');
    expect(configError(() => site('frontmatter = "x"\n')).key).toBe('frontmatter');
  });

  it('writes language codes as BCP 47 tags (en_US is en-US), and names the key of one that is no tag', () => {
    const codes = (toml: string): (string | undefined)[] =>
      resolveSiteConfig(parseConfigText('hugo.toml', toml), { file: 'hugo.toml' }).languages.map((l) => l.code);
    expect(codes('baseURL = "https://example.com/"\nlanguageCode = "en_US"\n')).toEqual(['en-US']);
    expect(codes('baseURL = "https://example.com/"\n[languages.pt_br]\nweight = 1\n[languages.en]\nlanguageCode = "en_GB"\nweight = 2\n')).toEqual([
      'pt-br',
      'en-GB',
    ]);
    expect(configError(() => codes('baseURL = "https://example.com/"\nlanguageCode = "x y"\n')).key).toBe('languageCode');
    expect(configError(() => codes('baseURL = "https://example.com/"\n[languages.en]\nlanguageCode = "english (US)"\n')).key).toBe('languages.en.languageCode');
  });

  it('never takes a key or code that names no language for a code: the site languageCode stands in, as in Hugo 0.111, else none', () => {
    const resolve = (toml: string) =>
      resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' }).languages;
    const keys =
      '[languages.en]\nweight = 1\n[languages.cn]\nweight = 2\n[languages.jp]\nweight = 3\n[languages.english]\nweight = 4\n[languages.zh_TW]\nweight = 5\n';
    // Without a code: none for the three keys that name no language (Hugo writes no <language>); the setting
    // to set is Hugo 0.158's name, `locale`.
    expect(resolve(keys).map((l) => [l.key, l.code, l.unknownCode?.setting])).toEqual([
      ['en', 'en', undefined],
      ['cn', undefined, 'languages.cn.locale'],
      ['jp', undefined, 'languages.jp.locale'],
      ['english', undefined, 'languages.english.locale'],
      ['zh_tw', 'zh-TW', undefined],
    ]);
    // With one: the site's (Hugo 0.111 writes it for every language without its own).
    expect(resolve(`languageCode = "en_US"\n${keys}`).map((l) => l.code)).toEqual(['en-US', 'en-US', 'en-US', 'en-US', 'zh-TW']);
    expect(resolve(`languageCode = "en_US"\n${keys}`)[1]?.unknownCode).toEqual({ value: 'cn', setting: 'languages.cn.locale', fromKey: true });
    // That stand-in is no code of their own (no hreflang tells their pages by it); the default language's is.
    expect(resolve(`languageCode = "en_US"\n${keys}`).map(ownLanguageCode)).toEqual(['en-US', undefined, undefined, undefined, 'zh-TW']);
    // A language's own code that names none gives way as a key does; the site's own gives way to the key.
    const own = resolve('languageCode = "english"\n[languages.en]\nweight = 1\n[languages.fr]\nlanguageCode = "french"\nweight = 2\n');
    expect(own.map((l) => [l.code, l.unknownCode])).toEqual([
      ['en', { value: 'english', setting: 'languageCode' }],
      [undefined, { value: 'french', setting: 'languages.fr.languageCode' }],
    ]);
    expect(own.map(ownLanguageCode)).toEqual(['en', undefined]);
    // A site of one language: its languageCode, else its default language's key, when either names one.
    expect(resolve('defaultContentLanguage = "cn"\n')[0]).toMatchObject({ unknownCode: { value: 'cn', setting: 'locale', fromKey: true } });
    expect(resolve('defaultContentLanguage = "cn"\n')[0]?.code).toBeUndefined();
    expect(resolve('defaultContentLanguage = "cn"\nlanguageCode = "zh-CN"\n')[0]).toMatchObject({ code: 'zh-CN' });
    expect(resolve('defaultContentLanguage = "cn"\nlanguageCode = "zh-CN"\n')[0]?.unknownCode).toBeUndefined();
    // A key that is no tag at all (Hugo takes any key) is a warning too, no longer a config error.
    expect(resolve('defaultContentLanguage = "v2"\n[languages.v2]\nweight = 1\n')[0]?.unknownCode).toMatchObject({ value: 'v2' });
  });

  it('writes a withdrawn ISO 639 code as the one that replaced it, the folder of its feeds staying the key', () => {
    const resolve = (toml: string) =>
      resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' }).languages;
    expect(resolve('[languages.en]\nweight = 1\n[languages.iw]\nweight = 2\n[languages.in]\nweight = 3\n').map((l) => [l.key, l.code])).toEqual([
      ['en', 'en'],
      ['iw', 'he'],
      ['in', 'id'],
    ]);
    expect(resolve('languageCode = "iw_IL"\n')[0]?.code).toBe('he-IL');
  });

  it('reads the site author as a name, a table or a list of either (the PaperMod theme documents a list), and names the key of a wrong one', () => {
    const authors = (file: string, text: string) => resolveSiteConfig(parseConfigText(file, text), { file }).authors;
    expect(authors('hugo.yaml', 'baseURL: https://example.com/\nparams:\n  author: ["Me", "You"]\n')).toEqual([{ name: 'Me' }, { name: 'You' }]);
    expect(authors('hugo.toml', 'baseURL = "https://example.com/"\n[params]\nauthor = ["Me", { name = "You", email = "you@example.com" }, ""]\n')).toEqual([
      { name: 'Me' },
      { name: 'You', email: 'you@example.com' },
    ]);
    expect(authors('hugo.toml', 'baseURL = "https://example.com/"\nauthor = "Desk"\n')).toEqual([{ name: 'Desk' }]);
    expect(authors('hugo.toml', 'baseURL = "https://example.com/"\n[params]\nauthor = []\n')).toBeUndefined();
    // An empty list names nobody: the next source is read.
    expect(authors('hugo.toml', 'baseURL = "https://example.com/"\nauthor = "Desk"\n[params]\nauthor = []\n')).toEqual([{ name: 'Desk' }]);
    const error = configError(() => authors('hugo.toml', 'baseURL = "https://example.com/"\n[params]\nauthor = ["Me", 2]\n'));
    expect([error.key, error.message]).toEqual(['params.author[1]', expect.stringContaining('must be a name, { name, email, url } or a list of them')]);
    expect(configError(() => authors('hugo.toml', 'baseURL = "https://example.com/"\nauthor = true\n')).key).toBe('author');
  });

  it("reads Hugo's config as Hugo does: case-insensitive keys, languages sorted by weight, lower-cased keys", () => {
    const site = loadSiteConfig(
      new Map([
        [
          'hugo.toml',
          `BaseURL = "https://example.com"\ntitle = "News"\ndefaultContentLanguage = "zh-CN"\ntimeZone = "Asia/Shanghai"\n[languages.en]\nweight = 2\ncontentDir = "content/en"\n[languages.zh-CN]\nweight = 1\ncontentDir = "content/zh-CN/"\nlanguageName = "中文"\n[params]\ndescription = "d"\nauthor = { name = "Desk", email = "desk@example.com" }\n`,
        ],
      ]),
    );
    expect(site.baseURL).toBe('https://example.com/');
    expect(site.defaultContentLanguage).toBe('zh-cn');
    expect(site.languages.map((l) => [l.key, l.code, l.contentDir])).toEqual([
      ['zh-cn', 'zh-CN', 'content/zh-CN'],
      ['en', 'en', 'content/en'],
    ]);
    expect(site.authors).toEqual([{ name: 'Desk', email: 'desk@example.com' }]);
    expect(site.taxonomies.map((t) => t.plural)).toEqual(['categories', 'tags']);
  });

  it('reads YAML and JSON configs and a separate feedpub file', () => {
    const site = loadSiteConfig(
      new Map([
        ['config.yaml', 'baseURL: https://example.com/\ntitle: Y\n'],
        ['feedpub.json', '{"limit": 5, "formats": ["atom"]}'],
      ]),
    );
    expect(site.title).toBe('Y');
    expect(site.feeds.limit).toBe(5);
    expect(site.feeds.formats).toEqual(['atom']);
    expect(loadSiteConfig(new Map([['hugo.json', '{"baseURL":"https://j.example/"}']])).baseURL).toBe('https://j.example/');
  });

  it('rejects a missing or relative baseURL unless --base-url is given, naming the key', () => {
    expect(configError(() => resolveSiteConfig({ title: 'x' }, { file: 'hugo.toml' })).key).toBe('baseURL');
    // A Hugo site with relative links (baseURL = "/"): told where the address goes, as a missing baseURL is.
    expect(configError(() => resolveSiteConfig({ baseURL: '/' }, { file: 'hugo.toml' })).message).toBe(
      'hugo.toml: baseURL: "/" is not an absolute URL: feeds need absolute URLs (e.g. https://example.com/); set baseURL to the address in the config (build, check and dev also take --base-url https://example.com/)',
    );
    expect(resolveSiteConfig({ baseURL: '/' }, { file: 'hugo.toml', baseURL: 'https://cli.example/x' }).baseURL).toBe('https://cli.example/x/');
    expect(configError(() => resolveSiteConfig({}, { file: 'hugo.toml', baseURL: 'ftp://x/' })).key).toBe('--base-url');
    expect(configError(() => resolveSiteConfig({}, { file: 'hugo.toml', baseURL: 'x/' })).message).toBe(
      '--base-url: "x/" is not an absolute URL: feeds need absolute URLs (e.g. https://example.com/)',
    );
    // The URL parser's own error is kept as the cause, for logs.
    expect(configError(() => resolveSiteConfig({ baseURL: '/' }, { file: 'hugo.toml' })).cause).toBeInstanceOf(TypeError);
  });

  it('keeps content folders inside the site, for one language or many, naming the key', () => {
    const base = { baseURL: 'https://x.example/' };
    for (const dir of ['/abs', '../x', 'a/../../b', 'a//b']) {
      expect(configError(() => resolveSiteConfig({ ...base, contentDir: dir }, { file: 'hugo.toml' })).key).toBe('contentDir');
      expect(configError(() => resolveSiteConfig({ ...base, languages: { fr: { contentDir: dir } } }, { file: 'hugo.toml' })).key).toBe(
        'languages.fr.contentDir',
      );
    }
    expect(resolveSiteConfig({ ...base, contentDir: './posts/' }, { file: 'hugo.toml' }).languages[0]?.contentDir).toBe('posts');
    // A default language that is none of them is named with the keys as written.
    const notOne = configError(() => resolveSiteConfig({ ...base, defaultContentLanguage: 'fr', languages: { en: {}, 'zh-CN': {} } }, { file: 'hugo.toml' }));
    expect([notOne.key, notOne.message]).toEqual(['defaultContentLanguage', 'hugo.toml: defaultContentLanguage: "fr" is not one of the languages (en, zh-CN)']);
    // The key as written: a user searching the file for zh-cn finds nothing.
    expect(configError(() => resolveSiteConfig({ ...base, languages: { 'zh-CN': { contentDir: '../x' } } }, { file: 'hugo.toml' })).key).toBe(
      'languages.zh-CN.contentDir',
    );
  });

  it('rejects an option feedpub does not have, naming it and listing the ones it has', () => {
    const error = configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', feedpub: { limt: 5 } }, { file: 'hugo.toml' }));
    expect(error.key).toBe('feedpub.limt');
    expect(error.message).toMatch(/not an option of feedpub \(options: limit, maxBytes, .*hub, icon, logo, author\)/);
    // A feedpub.* file holds the options at its top level: the key is named as written there.
    const inFile = configError(() =>
      resolveSiteConfig({ baseURL: 'https://x.example/' }, { file: 'hugo.toml', feedpub: { Formats: ['rss'], MaxByte: 1 }, feedpubFile: 'feedpub.toml' }),
    );
    expect([inFile.file, inFile.key]).toEqual(['feedpub.toml', 'MaxByte']);
  });

  it('takes the limit of Hugo RSS (services.rss.limit, else rssLimit) as its default, under its own limit option', () => {
    const limit = (hugo: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://x.example/', ...hugo }, { file: 'hugo.toml' }).feeds.limit;
    expect(limit({})).toBe(20);
    expect(limit({ rssLimit: 50 })).toBe(50);
    expect(limit({ RSSLimit: 50, Services: { RSS: { Limit: 5 } } })).toBe(5);
    expect(limit({ rssLimit: -1 })).toBe(20); // Hugo: no limit; feedpub keeps its own (archives hold the rest)
    expect(limit({ rssLimit: 0 })).toBe(20);
    expect(limit({ rssLimit: 50, feedpub: { limit: 7 } })).toBe(7);
    expect(limit({ rssLimit: 1_000_000 })).toBe(10_000);
    expect(limit({ rssLimit: 2, services: { rss: { limit: 0 } } })).toBe(2); // Hugo: 0 is unset
    expect(limit({ rssLimit: '12' })).toBe(12); // Hugo casts a string of digits
    for (const [hugo, key] of [
      [{ rssLimit: 'ten' }, 'rssLimit'],
      [{ rssLimit: 2.5 }, 'rssLimit'],
      [{ services: { rss: { limit: -2 } } }, 'services.rss.limit'],
      [{ services: { rss: 'x' } }, 'services.rss'],
    ] as const) {
      expect(configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', ...hugo }, { file: 'hugo.toml' })).key).toBe(key);
    }
  });

  it('reads canonifyURLs, in any case, and keeps it only when it is on', () => {
    const site = (hugo: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://x.example/blog/', ...hugo }, { file: 'hugo.toml' });
    expect(site({}).canonifyURLs).toBeUndefined();
    expect('canonifyURLs' in site({ canonifyURLs: false })).toBe(false);
    expect(site({ CanonifyURLs: true }).canonifyURLs).toBe(true);
    expect(configError(() => site({ canonifyurls: 'yes' })).key).toBe('canonifyURLs');
  });

  it("reads which of Hugo's Markdown extensions the site turns off, in either form of the typographer", () => {
    const markdown = (hugo: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://x.example/', ...hugo }, { file: 'hugo.toml' }).markdown;
    expect(markdown({})).toBeUndefined(); // Hugo's defaults: all on
    expect(markdown({ markup: { goldmark: { extensions: { footnote: true, typographer: { disable: false } } } } })).toBeUndefined();
    expect(markdown({ Markup: { Goldmark: { Extensions: { Footnote: false, DefinitionList: false } } } })).toEqual({
      footnote: false,
      definitionList: false,
      typographer: true,
      headingAttributes: true,
    });
    expect(markdown({ markup: { goldmark: { extensions: { typographer: false } } } })?.typographer).toBe(false); // Hugo 0.111
    expect(markdown({ markup: { goldmark: { extensions: { typographer: { disable: true } } } } })?.typographer).toBe(false); // Hugo 0.112 on
    expect(markdown({ markup: { goldmark: { parser: { attribute: { title: false } } } } })?.headingAttributes).toBe(false);
    // Settings Hugo has off by default are kept when turned on, and only then.
    expect(markdown({ markup: { goldmark: { renderer: { hardWraps: false } } } })).toBeUndefined();
    expect(markdown({ MARKUP: { goldmark: { Renderer: { HardWraps: true } } } })).toEqual({
      footnote: true,
      definitionList: true,
      typographer: true,
      headingAttributes: true,
      hardWraps: true,
    });
    expect(markdown({ markup: { goldmark: { extensions: { linkify: true, table: true, strikethrough: true, taskList: true } } } })).toBeUndefined();
    expect(markdown({ markup: { goldmark: { extensions: { Linkify: false, TABLE: false, strikeThrough: false, tasklist: false } } } })).toEqual({
      footnote: true,
      definitionList: true,
      typographer: true,
      headingAttributes: true,
      linkify: false,
      table: false,
      strikethrough: false,
      taskList: false,
    });
    expect(markdown({ markup: { goldmark: { parser: { attribute: { block: false } } } } })).toBeUndefined();
    expect(markdown({ markup: { goldmark: { parser: { Attribute: { Block: true } } } } })?.attributeBlock).toBe(true);
    for (const [hugo, key] of [
      [{ markup: { goldmark: { parser: { attribute: { block: 'true' } } } } }, 'markup.goldmark.parser.attribute.block'],
      [{ markup: { goldmark: { extensions: { taskList: 0 } } } }, 'markup.goldmark.extensions.taskList'],
      [{ markup: { goldmark: { renderer: { hardWraps: 'yes' } } } }, 'markup.goldmark.renderer.hardWraps'],
      [{ markup: { goldmark: { renderer: 1 } } }, 'markup.goldmark.renderer'],
      [{ markup: { goldmark: { extensions: { footnote: 'no' } } } }, 'markup.goldmark.extensions.footnote'],
      [{ markup: { goldmark: { extensions: { typographer: { disable: 1 } } } } }, 'markup.goldmark.extensions.typographer.disable'],
      [{ markup: { goldmark: 'x' } }, 'markup.goldmark'],
    ] as const) {
      expect(configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', ...hugo }, { file: 'hugo.toml' })).key).toBe(key);
    }
  });

  it('writes RSS where a renamed Hugo RSS output format puts it, and refuses a name that is no file name or the Atom file', () => {
    const rssFile = (hugo: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://x.example/', ...hugo }, { file: 'hugo.toml' }).rssFile;
    expect(rssFile({})).toBeUndefined();
    expect(rssFile({ outputFormats: { RSS: { baseName: 'feed' } } })).toBe('feed.xml');
    expect(rssFile({ OUTPUTFORMATS: { rss: { BaseName: 'rss' } } })).toBe('rss.xml');
    expect(rssFile({ outputFormats: { RSS: { baseName: 'index' } } })).toBeUndefined();
    expect(rssFile({ outputFormats: { HTML: { baseName: 'page' } } })).toBeUndefined();
    for (const baseName of ['../feed', 'a/b', 'atom', 'ATOM', '.hidden', 3]) {
      expect(configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', outputFormats: { RSS: { baseName } } }, { file: 'hugo.toml' })).key).toBe(
        'outputFormats.RSS.baseName',
      );
    }
  });

  it('reads itemIds, uuid by default, and names the key of a value it does not know', () => {
    const feeds = (options: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://x.example/', feedpub: options }, { file: 'hugo.toml' }).feeds;
    expect(feeds({}).itemIds).toBe('uuid');
    expect(feeds({ ItemIds: 'permalink' }).itemIds).toBe('permalink');
    const error = configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', params: { feedpub: { itemIds: 'guid' } } }, { file: 'hugo.toml' }));
    expect([error.file, error.key]).toEqual(['hugo.toml', 'params.feedpub.itemIds']);
  });

  it('resolves icon and logo as Hugo absURL does (a leading slash against the host), keeps absolute ones, and refuses other schemes naming the key', () => {
    const feeds = (options: Record<string, unknown>, baseURL = 'https://x.example/blog/') =>
      resolveSiteConfig({ baseURL, feedpub: options }, { file: 'hugo.toml' }).feeds;
    // As a page's `/images/t.png` and Hugo's `absURL "/images/icon.png"`: the host's root, not the baseURL's path.
    expect(feeds({ icon: '/images/icon.png', logo: 'images/logo wide.png' })).toMatchObject({
      icon: 'https://x.example/images/icon.png',
      logo: 'https://x.example/blog/images/logo%20wide.png',
    });
    expect(feeds({ Icon: 'https://cdn.example/i.png?v=2' }).icon).toBe('https://cdn.example/i.png?v=2');
    expect(feeds({ icon: '//cdn.example/i.png' }, 'http://x.example/').icon).toBe('http://cdn.example/i.png');
    expect(feeds({}).icon).toBeUndefined();
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://x.example/i.png', 'https://', '']) {
      const error = configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', params: { feedpub: { icon: bad } } }, { file: 'hugo.toml' }));
      expect([error.file, error.key], bad).toEqual(['hugo.toml', 'params.feedpub.icon']);
    }
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://x.example/', feedpub: { logo: 3 } }, { file: 'hugo.toml' })).key).toBe('feedpub.logo');
  });

  it('names the file that set a value and its key as written, wherever feedpub options are', () => {
    // Prepare: a root hugo.toml, and the options in the configuration directory's params.toml.
    const files = (params: string, hugo = 'baseURL = "https://x.example/"\n') =>
      new Map([
        ['hugo.toml', hugo],
        ['config/_default/params.toml', params],
      ]);
    // Act, Assess
    const typo = configError(() => loadSiteConfig(files('[feedpub]\nlimt = 3\n')));
    expect(typo.message).toMatch(/^config\/_default\/params\.toml: params\.feedpub\.limt: is not an option of feedpub/);
    const small = configError(() => loadSiteConfig(files('', 'baseURL = "https://x.example/"\n[params.feedpub]\nmaxBytes = 10\n')));
    expect([small.file, small.key]).toEqual(['hugo.toml', 'params.feedpub.maxBytes']);
    const nested = configError(() => loadSiteConfig(files('[FeedPub]\nformats = ["rdf"]\n')));
    expect([nested.file, nested.key]).toEqual(['config/_default/params.toml', 'params.FeedPub.formats.0']);
    const table = configError(() => loadSiteConfig(new Map([...files(''), ['feedpub.toml', '[feedpub]\nlimit = 3\n']])));
    expect([table.file, table.key]).toEqual(['feedpub.toml', 'feedpub']);
    expect(table.message).toContain('feedpub.toml holds the options themselves, at its top level: drop the [feedpub] table');
    const author = configError(() => loadSiteConfig(files('[feedpub]\nAuthor = 3\n')));
    expect([author.file, author.key]).toEqual(['config/_default/params.toml', 'params.feedpub.Author']);
    // Other keys: the directory file that set them, though a root file exists.
    const languages = new Map([...files(''), ['config/_default/languages.toml', '[en]\nweight = "first"\n']]);
    expect([configError(() => loadSiteConfig(languages)).file, configError(() => loadSiteConfig(languages)).key]).toEqual([
      'config/_default/languages.toml',
      'languages.en.weight',
    ]);
  });

  it('says what each feed option takes and what it holds, in its own words, and reports every invalid one', () => {
    // Prepare: four bad options in hugo.toml, one in feedpub.toml.
    const files = new Map([
      ['hugo.toml', 'baseURL = "https://x.example/"\n[feedpub]\nlimit = "20"\nformats = ["rss", "rdf"]\nmaxBytes = 10\nlimt = 3\n'],
      ['feedpub.toml', 'fullContent = "yes"\n'],
    ]);
    // Act
    const error = expectThrown(ConfigErrors, () => loadSiteConfig(files));
    // Assess: one line per option, file, key, what it takes and the value found; no zod wording.
    expect(error.errors.map((e) => e.message)).toEqual([
      'hugo.toml: feedpub.limit: must be a whole number from 1 to 10000; found "20" (a string: write it without the quotes)',
      'hugo.toml: feedpub.maxBytes: must be a whole number of bytes from 4096 to 104857600; found 10',
      'hugo.toml: feedpub.formats.1: must be "rss", "atom" or "json"; found "rdf"',
      'feedpub.toml: fullContent: must be true or false; found "yes"',
      'hugo.toml: feedpub.limt: is not an option of feedpub (options: limit, maxBytes, formats, fullContent, allLanguagesPath, idNamespace, itemIds, maxArticleBytes, maxTermsPerTaxonomy, directory, opml, archives, hub, icon, logo, author)',
    ]);
    expect(error.key).toBe('feedpub.limit, feedpub.maxBytes, feedpub.formats.1, fullContent, feedpub.limt');
    expect(error.file).toBeUndefined();
    expect(error.message).toMatch(
      /^5 settings cannot work: hugo\.toml: feedpub\.limit: .*; feedpub\.toml: fullContent: must be true or false; found "yes"; hugo\.toml: feedpub\.limt: is not an option/,
    );
    expect(error.message).not.toMatch(/Invalid input|expected|received/);
  });

  it('says a feed option written as a table holds a table', () => {
    const files = new Map([['hugo.toml', 'baseURL = "https://x.example/"\n[feedpub.limit]\nmost = 20\n']]);
    expect(configError(() => loadSiteConfig(files)).message).toBe('hugo.toml: feedpub.limit: must be a whole number from 1 to 10000; found a table');
  });

  it('reports every setting of the site config that cannot work, not the first alone; one alone stays itself', () => {
    const config = (extra: string) => new Map([['hugo.toml', `baseURL = "https://x.example/"\n${extra}`]]);
    const error = expectThrown(ConfigErrors, () => loadSiteConfig(config('timeZone = "Mars/Base"\nuglyURLs = "yes"\n[feedpub]\nlimit = 0\n')));
    expect(error.errors.map((e) => [e.file, e.key])).toEqual([
      ['hugo.toml', 'timeZone'],
      ['hugo.toml', 'feedpub.limit'],
      ['hugo.toml', 'uglyURLs'],
    ]);
    expect(error.file).toBe('hugo.toml');
    expect(error.errors[1]?.message).toBe('hugo.toml: feedpub.limit: must be a whole number from 1 to 10000; found 0');
    // A check that needs a failed setting is left out: no "not one of the languages" about a stand-in.
    const language = expectThrown(ConfigErrors, () => loadSiteConfig(config('defaultContentLanguage = 3\ncopyright = 4\n[languages.fr]\nweight = 1\n')));
    expect(language.errors.map((e) => e.key)).toEqual(['copyright', 'defaultContentLanguage']);
    const alone = configError(() => loadSiteConfig(config('timeZone = "Mars/Base"\n')));
    expect(alone).not.toBeInstanceOf(ConfigErrors);
    expect(alone.key).toBe('timeZone');
    // Each names its class (Lambda reports it as the errorType; the handler and the CLI read it).
    expect([error.name, alone.name]).toEqual(['ConfigErrors', 'ConfigError']);
  });

  it('refuses an all-languages folder that is a language folder, naming allLanguagesPath', () => {
    const site = (feedpub: string, extra = '') =>
      loadSiteConfig(
        new Map([
          ['hugo.toml', `baseURL = "https://x.example/"\n${extra}[languages.en]\nweight = 1\n[languages.zh-CN]\nweight = 2\n`],
          ['feedpub.toml', feedpub],
        ]),
      );
    const error = configError(() => site('allLanguagesPath = "zh-cn/"\n'));
    expect([error.file, error.key]).toEqual(['feedpub.toml', 'allLanguagesPath']);
    expect(error.message).toMatch(/"zh-cn\/" is the folder of the feeds of language "zh-cn".*choose another folder/);
    expect(configError(() => site('allLanguagesPath = "zh-cn"\n')).key).toBe('allLanguagesPath');
    // The default language's feed is at the root, and in a subfolder the all-languages feed takes the root.
    expect(site('allLanguagesPath = "en/"\n').feeds.allLanguagesPath).toBe('en/');
    expect(site('allLanguagesPath = "zh-cn/"\n', 'defaultContentLanguageInSubdir = true\n').feeds.allLanguagesPath).toBe('zh-cn/');
  });

  it('reads a permalink pattern without its leading slash, and a sections slice, as Hugo 0.111 does', () => {
    const site = resolveSiteConfig({ baseURL: 'https://e/', permalinks: { posts: ':year/:slug/', news: '/:sections[:last]/:filename/' } }, { file: 'f' });
    expect(site.permalinks).toEqual({ posts: '/:year/:slug/', news: '/:sections[:last]/:filename/' });
  });

  it('reads a permalink key in lower case, as Hugo reads config keys (Posts is the posts section), and refuses two of one name that differ', () => {
    const read = (permalinks: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://e/', permalinks }, { file: 'f' }).permalinks;
    expect(read({ Posts: '/b/:slug/', Tags: '/topic/:slug/' })).toEqual({ posts: '/b/:slug/', tags: '/topic/:slug/' });
    expect(read({ Page: { Posts: '/b/:slug/' } })).toEqual({ posts: '/b/:slug/' });
    expect(read({ Posts: '/b/:slug/', posts: '/b/:slug/' })).toEqual({ posts: '/b/:slug/' });
    // Hugo 0.111 takes one of them at random (b or d, run after run).
    const error = configError(() => read({ Posts: '/b/:slug/', posts: '/c/:slug/' }));
    expect([error.key, error.message]).toEqual(['permalinks.posts', expect.stringContaining('as permalinks.Posts: Hugo reads config keys in lower case')]);
    expect(configError(() => read({ page: { posts: '/b/:slug/' }, Page: { posts: '/b/:slug/' } })).key).toBe('permalinks.Page');
  });

  it('takes a token that is a Go date layout, and refuses one that Hugo 0.111 fails the build on, naming the key', () => {
    const read = (pattern: string) => resolveSiteConfig({ baseURL: 'https://e/', permalinks: { posts: pattern } }, { file: 'f' });
    const refused = (pattern: string) => configError(() => read(pattern));
    for (const pattern of ['/:06/:Jan/:slug/', '/:2006_01_02/:slug/', '/:slug_2/', '/:MST/:Z0700/', '/:PM2/', '/:sections[LAST]/:slug/']) {
      expect(read(pattern).permalinks, pattern).toEqual({ posts: pattern });
    }
    // Each gives its own text back when Hugo formats its reference time: no layout, so no token Hugo knows.
    for (const pattern of ['/:Year/', '/:PM/', '/:pm/', '/:yearly/', '/:Monthly/', '/:Janx/', '/:7/', '/:Slug/']) {
      const error = refused(pattern);
      expect([error.key, error.message], pattern).toEqual([
        'permalinks.posts',
        expect.stringContaining(`unknown token ${pattern.slice(1, -1)} (Hugo's are :year`),
      ]);
    }
    // A slice Hugo 0.111 reads otherwise (an index that is no number: it takes 0), and a % # or \ of the pattern's own.
    expect(refused('/:sections[x]/:slug/').message).toContain(':sections[x]: a slice of :sections is [i], [i:j], [i:] or [:j]');
    expect(refused('/x%41/:slug/').message).toContain('a % in a pattern is not supported by feedpub (Hugo reads it as the start of a URL escape');
    expect(refused('/a#b/:slug/').message).toContain("a # in a pattern is not supported by feedpub (Hugo reads it as the start of the URL's fragment)");
    expect(refused('/a\\b/:slug/').message).toContain('a \\ in a pattern is not supported by feedpub');
  });

  it("refuses Go's MST layout where the zone's abbreviation is tzdata's alone, naming the pattern's key, and takes it in UTC, GMT and Etc/GMT zones", () => {
    const read = (config: Record<string, unknown>) => resolveSiteConfig({ baseURL: 'https://e/', ...config }, { file: 'f' });
    for (const timeZone of ['UTC', 'Etc/UTC', 'Zulu', 'GMT', 'Etc/GMT-5']) expect(read({ timeZone, permalinks: { posts: '/:MST/' } }).timeZone).toBe(timeZone);
    const error = configError(() => read({ timeZone: 'Europe/Berlin', permalinks: { page: { posts: '/:JanMST/:slug/' } } }));
    expect([error.key, error.message]).toEqual([
      'permalinks.page.posts',
      expect.stringContaining(":JanMST: Go's MST (the time zone's abbreviation) is not supported by feedpub in Europe/Berlin"),
    ]);
    // A language's own zone and table.
    const languages = (fr: Record<string, unknown>) => ({ languages: { en: { weight: 1 }, fr: { weight: 2, ...fr } } });
    expect(configError(() => read({ permalinks: { posts: '/:MST/' }, ...languages({ timeZone: 'Asia/Tokyo' }) })).key).toBe('permalinks.posts');
    expect(configError(() => read({ ...languages({ timeZone: 'Asia/Tokyo', permalinks: { posts: '/:MST/' } }) })).key).toBe('languages.fr.permalinks.posts');
    expect(read({ timeZone: 'Asia/Tokyo', permalinks: { posts: '/:Z0700/' } }).permalinks).toEqual({ posts: '/:Z0700/' });
  });

  it('names the key of every other error', () => {
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', timeZone: 'Mars/Base' }, { file: 'f' })).key).toBe('timeZone');
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', feedpub: { limit: 0 } }, { file: 'f' })).key).toBe('feedpub.limit');
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', feedpub: { formats: ['rdf'] } }, { file: 'f' })).key).toBe('feedpub.formats.0');
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', title: ['a'] }, { file: 'f' })).key).toBe('title');
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', permalinks: { news: '/:bogus/' } }, { file: 'f' })).key).toBe('permalinks.news');
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', defaultContentLanguage: 'fr', languages: { en: {} } }, { file: 'f' })).key).toBe(
      'defaultContentLanguage',
    );
    expect(configError(() => resolveSiteConfig({ baseURL: 'https://e/', languages: { en: { contentDir: '../x' } } }, { file: 'f' })).key).toBe(
      'languages.en.contentDir',
    );
  });

  it('reads the permalinks and taxonomies of a language, each replacing the site table whole, and names their keys in errors', () => {
    // Arrange
    const config = {
      baseURL: 'https://e/',
      permalinks: { posts: '/p/:slug/', news: '/n/:slug/' },
      taxonomies: { tag: 'tags' },
      languages: {
        en: { weight: 1 },
        fr: { weight: 2, permalinks: { posts: '/articles/:slug/' }, Taxonomies: { Etiquette: 'Etiquettes' } },
      },
    };
    // Act
    const site = resolveSiteConfig(config, { file: 'hugo.toml' });
    // Assess: the site lists every taxonomy (its own first); each language names its own.
    expect(site.permalinks).toEqual({ posts: '/p/:slug/', news: '/n/:slug/' });
    expect(site.taxonomies.map((t) => t.plural)).toEqual(['tags', 'etiquettes']);
    const [en, fr] = site.languages;
    expect(en?.permalinks).toBeUndefined();
    expect(en?.taxonomies).toEqual([{ singular: 'tag', plural: 'tags' }]);
    expect(fr?.permalinks).toEqual({ posts: '/articles/:slug/' });
    expect(fr?.taxonomies).toEqual([{ singular: 'etiquette', plural: 'etiquettes' }]);
    // A site where no language has taxonomies of its own gives none of them a list (the config, and so
    // every manifest, stays as it was).
    expect(resolveSiteConfig({ ...config, languages: { en: {}, fr: {} } }, { file: 'f' }).languages.map((l) => l.taxonomies)).toEqual([undefined, undefined]);
    // Errors name the key as written.
    const bad = (fr: Record<string, unknown>) => configError(() => resolveSiteConfig({ baseURL: 'https://e/', languages: { en: {}, fr } }, { file: 'f' }));
    expect(bad({ permalinks: { posts: '/:bogus/' } }).key).toBe('languages.fr.permalinks.posts');
    expect(bad({ taxonomies: { tag: 'a b' } }).key).toBe('languages.fr.taxonomies.tag');
    expect(bad({ permalinks: 'x' }).key).toBe('languages.fr.permalinks');
  });

  it('refuses a taxonomy named by a front matter key that is dropped as unsafe (its pages would name no term, said nowhere)', () => {
    for (const plural of ['prototype', 'constructor', 'Constructor', '__proto__']) {
      const error = configError(() => resolveSiteConfig({ baseURL: 'https://e/', taxonomies: { x: plural } }, { file: 'hugo.toml' }));
      expect([error.key, error.message]).toEqual(['taxonomies.x', expect.stringContaining(`"${plural}" cannot name a taxonomy in feedpub`)]);
    }
    // Names that only look alike are taxonomies as any other.
    expect(resolveSiteConfig({ baseURL: 'https://e/', taxonomies: { x: 'toString', y: 'prototypes' } }, { file: 'f' }).taxonomies.map((t) => t.plural)).toEqual(
      ['tostring', 'prototypes'],
    );
  });

  it('reports a syntax error with the file and never pollutes prototypes', () => {
    expect(configError(() => parseConfigText('hugo.toml', 'baseURL = ')).message).toMatch(/^hugo\.toml: \(syntax\)/);
    const data = parseConfigText('hugo.json', '{"__proto__": {"polluted": 1}, "a": {"constructor": {"prototype": {"p": 1}}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(data)).toEqual(['a']);
  });

  it('reads a key written __PROTO__ (any case of __proto__) as a key, never as the prototype of the table it lowers', () => {
    // Hugo reads it as a table named __proto__ like any other: nothing in it is the site's title, description, author, mounts or options.
    const B = 'baseURL = "https://example.com/"\n';
    const load = (toml: string) => loadSiteConfig(new Map([['hugo.toml', `${B}${toml}`]]));
    expect(load('[params.__PROTO__]\ndescription = "from inside __PROTO__"\n').description).toBe('');
    expect(load('[params]\nauthor = { __Proto__ = { name = "Mallory" } }\n').authors).toBeUndefined();
    expect(load('[__PROTO__]\ntitle = "from inside __PROTO__"\n').title).toBe('example.com');
    expect(load('[languages.en]\nweight = 1\n[languages.en.__PROTO__]\ntitle = "from inside __PROTO__"\n').languages[0]?.title).toBe('example.com');
    expect(load('[module]\n[module.__PROTO__]\nmounts = [{ source = "posts", target = "content" }]\n').languages[0]?.contentDir).toBe('content');
    // Among feedpub's options it is one unknown as any other.
    expect(configError(() => load('[feedpub.__PROTO__]\nlimit = 3\n')).message).toContain('feedpub.__PROTO__: is not an option of feedpub');
  });

  it('asks for a config when there is none, naming the accepted files once and no placeholder key', () => {
    const none = configError(() => loadSiteConfig(new Map()));
    expect(none).toBeInstanceOf(NoSiteConfigError);
    expect(none.name).toBe('NoSiteConfigError');
    expect(none.key).toBe('');
    expect(none.file).toBeUndefined();
    expect(none.message).toBe(`no site config found: add hugo.toml at the site's root (or one of ${SITE_CONFIG_NAMES.replace('hugo.toml, ', '')})`);
    // feedpub.* alone holds no baseURL: it is no site config.
    const feedpubOnly = configError(() => loadSiteConfig(new Map([['feedpub.toml', 'limit = 3\n']])));
    expect(feedpubOnly.message).toMatch(/^no site config found \(feedpub\.toml holds feedpub's options only, not baseURL\): add hugo\.toml/);
    expect(loadSiteConfig(new Map([['feedpub.toml', 'limit = 3\n']]), { baseURL: 'https://x.example/' }).feeds.limit).toBe(3);
    // Where it was looked for, once the caller says.
    const located = (none as NoSiteConfigError).in('the folder /site/content', 'or run with --base-url URL');
    expect(located.message).toMatch(/^no site config found in the folder \/site\/content: add hugo\.toml there \(or one of .*\), or run with --base-url URL$/);
    expect(located.message).not.toContain('(file)');
  });

  it('reads only the first feedpub.* file, and names the others as not read', () => {
    const site = loadSiteConfig(
      new Map([
        ['hugo.toml', 'baseURL = "https://x.example/"\n'],
        ['feedpub.toml', 'limit = 3\n'],
        ['feedpub.yaml', 'limit: 4\n'],
        ['feedpub.json', '{"limit": 5}'],
      ]),
    );
    expect(site.feeds.limit).toBe(3);
    expect(ignoredConfigFiles(['feedpub.json', 'feedpub.yaml', 'feedpub.toml', 'hugo.toml', 'config/_default/params.toml'])).toEqual([
      { file: 'feedpub.yaml', readInstead: 'feedpub.toml', order: FEEDPUB_CONFIG_FILES },
      { file: 'feedpub.json', readInstead: 'feedpub.toml', order: FEEDPUB_CONFIG_FILES },
    ]);
    expect(ignoredConfigFiles(['config.toml', 'hugo.yaml']).map((i) => [i.file, i.readInstead])).toEqual([['config.toml', 'hugo.yaml']]);
    expect(ignoredConfigFiles(['feedpub.yml', 'hugo.toml'])).toEqual([]);
  });
});

describe("Hugo's configuration directory", () => {
  it('knows its files as Hugo 0.111 reads them: hugo.* or config.* for top-level keys, one file per other key, a language in the name', () => {
    expect(
      [
        'config/_default/hugo.toml',
        'config/_default/params.yaml',
        'config/_default/languages.json',
        'config/_default/menus.en.toml',
        'config/production/hugo.toml',
        'config/_default/sub/x.toml',
        'config/development/hugo.toml',
        'config/_default/params.toml.orig',
      ].map(isConfigKey),
    ).toEqual([true, true, true, true, true, true, false, false]);
    expect(configDirKeyPath('config/_default/config.yaml')).toEqual([]);
    expect(configDirKeyPath('config/_default/params.toml')).toEqual(['params']);
    expect(configDirKeyPath('config/production/params.fr.toml')).toEqual(['languages', 'fr', 'params']);
    expect(configDirKeyPath('config/_default/menu.en.yaml')).toEqual(['languages', 'en', 'menus']);
    expect(configDirKeyPath('config/_default/languages.fr.toml')).toEqual(['languages', 'fr']);
    expect(configDirKeyPath('hugo.toml')).toBeUndefined();
    // The root file read, then each folder's files by name (hugo config showed hugo.yaml over hugo.toml, and params.toml over hugo.toml's [params]).
    expect(
      hugoConfigOrder([
        'config/production/hugo.toml',
        'config/_default/params.toml',
        'config/_default/hugo.yaml',
        'config.toml',
        'hugo.toml',
        'config/_default/hugo.toml',
        'config/_default/config.json',
        'feedpub.toml',
      ]),
    ).toEqual([
      'hugo.toml',
      'config/_default/config.json',
      'config/_default/hugo.toml',
      'config/_default/hugo.yaml',
      'config/_default/params.toml',
      'config/production/hugo.toml',
    ]);
  });

  it('reads a site configured there alone, each file as the key it is named after', () => {
    const site = loadSiteConfig(
      new Map([
        ['config/_default/hugo.toml', 'baseURL = "https://dir.example/"\ntitle = "Dir"\ndefaultContentLanguage = "en"\n[feedpub]\nlimit = 7\n'],
        ['config/_default/params.toml', 'description = "From params.toml"\n'],
        ['config/_default/languages.toml', '[en]\ncontentDir = "content/en"\nweight = 1\n[fr]\ncontentDir = "content/fr"\nweight = 2\n'],
        ['config/_default/menus.en.toml', '[[main]]\nname = "x"\n'],
      ]),
    );
    expect(site.baseURL).toBe('https://dir.example/');
    expect(site.title).toBe('Dir');
    expect(site.description).toBe('From params.toml');
    expect(site.languages.map((l) => [l.key, l.contentDir])).toEqual([
      ['en', 'content/en'],
      ['fr', 'content/fr'],
    ]);
    expect(site.feeds.limit).toBe(7);
  });

  it('lets the config folder win a key the root file sets too, as Hugo 0.111 does, and names the file that set it in errors', () => {
    // The site of `hugo new site` with its real baseURL in config/_default/ (hugo config: real.example.com, title Dir).
    const site = loadSiteConfig(
      new Map([
        ['hugo.toml', 'baseURL = "http://example.org/"\ntitle = "Root"\n'],
        ['config/_default/hugo.toml', 'baseurl = "https://real.example.com/"\nTitle = "Dir"\n'],
      ]),
    );
    expect([site.baseURL, site.title]).toEqual(['https://real.example.com/', 'Dir']);
    expect(configError(() => loadSiteConfig(new Map([['config/_default/hugo.toml', 'title = "No base"\n']]))).file).toBe('config/_default/hugo.toml');
    expect(
      configError(() =>
        loadSiteConfig(
          new Map([
            ['hugo.toml', 'title = "No base"\n'],
            ['config/_default/params.toml', 'a = 1\n'],
          ]),
        ),
      ).file,
    ).toBe('hugo.toml');
  });

  it('merges tables key by key at every depth, lists replaced whole, the production folder last (as hugo config shows)', () => {
    const site = loadSiteConfig(
      new Map([
        [
          'hugo.toml',
          'baseURL = "http://example.org/"\ntitle = "Root"\n[params]\ndescription = "root desc"\n[params.feedpub]\nlimit = 3\nformats = ["rss", "atom"]\n[taxonomies]\ntag = "tags"\n[languages.en]\ntitle = "EN"\nweight = 1\n[languages.en.params]\ndescription = "en root"\n[permalinks]\nposts = "/:year/:slug/"\n',
        ],
        ['config/_default/params.toml', 'author = "Dir Author"\n[feedpub]\nformats = ["json"]\n'],
        ['config/_default/taxonomies.toml', 'category = "categories"\n'],
        ['config/_default/languages.toml', '[en]\nweight = 2\n[fr]\ntitle = "FR"\nweight = 3\n'],
        ['config/_default/params.fr.toml', 'description = "fr desc"\n'],
        ['config/_default/permalinks.toml', 'tags = "/t/:slug/"\n'],
        ['config/_default/hugo.toml', 'baseURL = "http://localhost:1313/"\n'],
        ['config/production/hugo.toml', 'baseURL = "https://prod.example.com/"\n'],
        ['config/development/hugo.toml', 'baseURL = "https://dev.example.com/"\n'],
      ]),
    );
    expect(site.baseURL).toBe('https://prod.example.com/');
    expect([site.description, site.authors?.[0]?.name]).toEqual(['root desc', 'Dir Author']);
    expect([site.feeds.limit, site.feeds.formats]).toEqual([3, ['json']]);
    expect(site.taxonomies.map((t) => t.plural).sort()).toEqual(['categories', 'tags']);
    expect(site.languages.map((l) => [l.key, l.title, l.description, l.weight])).toEqual([
      ['en', 'EN', 'en root', 2],
      ['fr', 'FR', 'fr desc', 3],
    ]);
    expect(site.permalinks).toEqual({ posts: '/:year/:slug/', tags: '/t/:slug/' });
    // An error in a merged table names the file that set that value.
    const error = configError(() =>
      loadSiteConfig(
        new Map([
          ['hugo.toml', 'baseURL = "https://x.example/"\n[params.feedpub]\nlimit = 3\n'],
          ['config/_default/params.toml', '[feedpub]\nmaxBytes = "big"\n'],
        ]),
      ),
    );
    expect([error.file, error.key]).toEqual(['config/_default/params.toml', 'params.feedpub.maxBytes']);
  });

  it('warns of each value of the root file the config folder replaces, naming both files, and of no other', () => {
    const { site, warnings } = loadSiteConfigWithWarnings(
      new Map([
        ['hugo.toml', 'baseURL = "http://example.org/"\ntitle = "Same"\n[params]\ndescription = "root desc"\ntags = ["a", "b"]\n'],
        ['config/_default/hugo.toml', 'baseURL = "http://localhost:1313/"\ntitle = "Same"\n'],
        ['config/_default/params.toml', 'author = "Dir Author"\nDescription = "dir desc"\ntags = ["a", "b"]\n'],
        ['config/production/hugo.toml', 'baseURL = "https://real.example.com/"\n'],
      ]),
    );
    expect(site.baseURL).toBe('https://real.example.com/');
    expect(warnings).toEqual([
      {
        file: 'hugo.toml',
        severity: 'warning',
        rule: 'config-overridden',
        message:
          'baseURL: "http://example.org/" here is not used: config/production/hugo.toml sets "https://real.example.com/", and Hugo takes the config folder\'s value over the root file\'s (so does feedpub); keep the value in one of the two files',
      },
      {
        file: 'hugo.toml',
        severity: 'warning',
        rule: 'config-overridden',
        message:
          'params.description: "root desc" here is not used: config/_default/params.toml sets "dir desc", and Hugo takes the config folder\'s value over the root file\'s (so does feedpub); keep the value in one of the two files',
      },
    ]);
    expect(loadSiteConfigWithWarnings(new Map([['hugo.toml', 'baseURL = "https://x.example/"\n']])).warnings).toEqual([]);
  });

  it('merges a params table of 50,000 keys from two files, each key once, in one pass (a lookup per key scanned the table)', () => {
    // 50,000 keys (711 KiB) took minutes with a scan of the table per key; the merge is linear now.
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i} = ${i}`);
    const { site, warnings } = loadSiteConfigWithWarnings(
      new Map([
        ['hugo.toml', `baseURL = "https://x.example/"\n[params]\n${keys.join('\n')}\n`],
        ['config/_default/params.toml', 'K1 = "one"\nk2 = 2\nauthor = "A"\n'],
      ]),
    );
    expect(site.authors).toEqual([{ name: 'A' }]);
    expect(warnings.map((w) => w.message.slice(0, w.message.indexOf(' here')))).toEqual(['params.k1: 1']);
  });

  it('takes a key one file writes in two cases as Hugo 0.111 does, the spelling not in lower case, and says so', () => {
    // hugo config, for these two files: title = "x", params = map[a:2].
    const { hugo, warnings } = mergeHugoConfig(
      new Map([
        ['hugo.toml', 'title = "z"\n[params]\na = 1\n'],
        ['config/_default/hugo.toml', 'Title = "x"\ntitle = "y"\n[params]\nA = 2\na = 3\n'],
      ]),
    );
    expect(hugo).toEqual({ Title: 'x', params: { A: 2 } });
    expect(warnings.filter((w) => w.rule === 'config-duplicate-key').map((w) => [w.file, w.message])).toEqual([
      [
        'config/_default/hugo.toml',
        'Title: written twice in this file (Title = "x", title = "y"); Title\'s, "x", is used, as Hugo 0.111 takes a key written in another case over its lower-case spelling; keep one',
      ],
      [
        'config/_default/hugo.toml',
        "params.A: written twice in this file (A = 2, a = 3); A's, 2, is used, as Hugo 0.111 takes a key written in another case over its lower-case spelling; keep one",
      ],
    ]);
  });

  it('does not call a value of the root file written twice in two cases unused when it is the one used, and names no config folder', () => {
    // The audit's case: Hugo 0.111 (hugo config) has params = map[description:Second], and so do the feeds.
    const { site, warnings } = loadSiteConfigWithWarnings(
      new Map([['hugo.toml', 'baseURL = "https://x.example/"\n[params]\ndescription = "First"\nDescription = "Second"\n']]),
    );
    expect(site.description).toBe('Second');
    expect(warnings.map((w) => [w.rule, w.file, w.message])).toEqual([
      [
        'config-duplicate-key',
        'hugo.toml',
        'params.Description: written twice in this file (description = "First", Description = "Second"); Description\'s, "Second", is used, as Hugo 0.111 takes a key written in another case over its lower-case spelling; keep one',
      ],
    ]);
  });

  it('takes the lower-case spelling of a key last only when no other is written, whole for a table, as Hugo 0.111 does', () => {
    const read = (toml: string) => loadSiteConfigWithWarnings(new Map([['hugo.toml', `baseURL = "https://x.example/"\n${toml}`]]));
    // Hugo 0.111: params = map[description:First], and [Params] replaces [params] (params = map[author:b]).
    expect(read('[params]\nDescription = "First"\ndescription = "Second"\n').site.description).toBe('First');
    const table = read('[params]\ndescription = "a"\n[Params]\nauthor = "b"\n');
    expect([table.site.description, table.site.authors]).toEqual(['', [{ name: 'b' }]]);
    expect(table.warnings.map((w) => w.message.split(';')[0])).toEqual(['Params: written twice in this file (params = a table, Params = a table)']);
    // Of two spellings in other cases, Hugo takes one at random (Second or Third, run after run): said so.
    const random = read('[params]\ndescription = "First"\nDESCRIPTION = "Second"\nDescription = "Third"\n');
    expect(random.site.description).toBe('Third');
    expect(random.warnings.map((w) => w.message)).toEqual([
      'params.Description: written 3 times in this file (description = "First", DESCRIPTION = "Second", Description = "Third"); feedpub uses the last, Description\'s, "Third", where Hugo 0.111 takes one of DESCRIPTION and Description at random; keep one',
    ]);
    // The same value twice is no problem, and a config folder's file names its key with its place.
    expect(read('[params]\ndescription = "a"\nDescription = "a"\n').warnings).toEqual([]);
    const nested = loadSiteConfigWithWarnings(
      new Map([
        ['hugo.toml', 'baseURL = "https://x.example/"\ndefaultContentLanguage = "fr"\n[languages.fr]\nweight = 1\n'],
        ['config/_default/params.fr.toml', 'description = "a"\nDescription = "b"\n'],
      ]),
    );
    expect(nested.warnings.map((w) => [w.file, w.message.split(':')[0]])).toEqual([['config/_default/params.fr.toml', 'languages.fr.params.Description']]);
  });

  it('lets a file of the config folder set a key the root file writes in two cases other than lower case, as Hugo 0.111 does', () => {
    // hugo config: params = map[description:c], run after run (the root file's spellings are gone).
    const files = (root: string, dir: string) =>
      new Map([
        ['hugo.toml', `baseURL = "https://x.example/"\n${root}`],
        ['config/_default/params.toml', dir],
      ]);
    const value = files('[params]\nDESCRIPTION = "a"\nauthor = "A"\nDescription = "b"\n', 'description = "c"\n');
    expect(mergeHugoConfig(value).hugo.params).toEqual({ author: 'A', description: 'c' });
    expect(loadSiteConfigWithWarnings(value).site.description).toBe('c');
    // Of two tables, Hugo 0.111 takes one at random and merges the folder's keys into it (social = map[b:2 c:3],
    // or map[a:1 c:3]): feedpub the last, the one it reads.
    const tables = files('[params.Social]\na = 1\n[params.SOCIAL]\nb = 2\n', '[social]\nc = 3\n');
    expect(mergeHugoConfig(tables).hugo.params).toEqual({ SOCIAL: { b: 2, c: 3 } });
  });

  it('names every spelling Hugo 0.111 takes one of at random, in a whole warning, when a file writes a key in four cases', () => {
    const { warnings } = mergeHugoConfig(new Map([['hugo.toml', '[params]\ndescription = "a"\nDESCRIPTION = "b"\nDescription = "c"\nDEScription = "d"\n']]));
    expect(warnings).toEqual([
      {
        file: 'hugo.toml',
        severity: 'warning',
        rule: 'config-duplicate-key',
        message:
          'params.DEScription: written 4 times in this file (description = "a", DESCRIPTION = "b", Description = "c", DEScription = "d"); feedpub uses the last, DEScription\'s, "d", where Hugo 0.111 takes one of DESCRIPTION, Description and DEScription at random; keep one',
      },
    ]);
  });

  it('merges a table of the config folder beside a root table named undefined, not into it', () => {
    const { hugo } = mergeHugoConfig(
      new Map([
        ['hugo.toml', '[params.undefined]\nx = 1\n'],
        ['config/_default/params.toml', '[social]\nc = 3\n'],
      ]),
    );
    expect(hugo).toEqual({ params: { undefined: { x: 1 }, social: { c: 3 } } });
  });

  it('warns of a root table the config folder replaces with a value, and takes the folder key as written', () => {
    const { warnings } = loadSiteConfigWithWarnings(
      new Map([
        ['hugo.toml', 'baseURL = "https://x.example/"\nTitle = "Root"\n[params.social]\nb = 1\na = 2\n'],
        ['config/_default/hugo.toml', 'title = "Dir"\n'],
        ['config/_default/params.toml', 'social = "none"\n'],
      ]),
    );
    expect(warnings.map((w) => w.message.slice(0, w.message.indexOf(', and Hugo')))).toEqual([
      'Title: "Root" here is not used: config/_default/hugo.toml sets "Dir"',
      'params.social: a table here is not used: config/_default/params.toml sets "none"',
    ]);
  });
});

describe('mergeHugoConfig: spellings, sources and warnings, found by mutation testing', () => {
  it('spells a key as the last file wrote it, where the first had it', () => {
    const { hugo } = mergeHugoConfig(
      new Map([
        ['hugo.toml', 'a = 1\nTitle = "A"\nz = 2\n'],
        ['config/_default/hugo.toml', 'title = "B"\n'],
      ]),
    );
    expect(Object.entries(hugo)).toEqual([
      ['a', 1],
      ['title', 'B'],
      ['z', 2],
    ]);
  });

  it('records the file that set each key last, a merged table the later one, and forgets what a replaced table held', () => {
    const { sources } = mergeHugoConfig(
      new Map([
        ['hugo.toml', '[params]\nx = 1\n[params.Social]\ntw = "a"\n[params.Social.more]\nk = 1\n[params.deep.er]\nK = 1\n'],
        ['config/_default/params.toml', 'y = 2\nsocial = "none"\n[deep]\nz = 3\n'],
      ]),
    );
    expect(Object.fromEntries(sources)).toEqual({
      params: 'config/_default/params.toml',
      'params.x': 'hugo.toml',
      'params.deep': 'config/_default/params.toml',
      'params.deep.er': 'hugo.toml',
      'params.deep.er.k': 'hugo.toml',
      'params.deep.z': 'config/_default/params.toml',
      'params.y': 'config/_default/params.toml',
      'params.social': 'config/_default/params.toml',
    });
  });

  it('takes a null value as replaced by a later table', () => {
    const { hugo } = mergeHugoConfig(
      new Map([
        ['hugo.yaml', 'params: null\n'],
        ['config/_default/params.toml', 'a = 1\n'],
      ]),
    );
    expect(hugo).toEqual({ params: { a: 1 } });
  });

  it('warns of nothing without a root file, and shortens a long value in a warning', () => {
    expect(mergeHugoConfig(new Map([['config/_default/hugo.toml', 'title = "x"\n']])).warnings).toEqual([]);
    const long = 'x'.repeat(100);
    const { warnings } = mergeHugoConfig(
      new Map([
        ['hugo.toml', `title = "${long}"\n`],
        ['config/_default/hugo.toml', 'title = "y"\n'],
      ]),
    );
    expect(warnings.map((w) => w.message.slice(0, w.message.indexOf(' here')))).toEqual([`title: "${'x'.repeat(76)}...`]);
    // 80 characters of JSON are shown whole.
    const whole = mergeHugoConfig(
      new Map([
        ['hugo.toml', `title = "${'x'.repeat(78)}"\n`],
        ['config/_default/hugo.toml', 'title = "y"\n'],
      ]),
    ).warnings;
    expect(whole[0]?.message.startsWith(`title: "${'x'.repeat(78)}" here`)).toBe(true);
  });

  it('compares lists of tables by their values, whatever the case and order of their keys', () => {
    const warned = (dir: string) =>
      mergeHugoConfig(
        new Map([
          ['hugo.toml', '[[menus.main]]\nname = "A"\nurl = "/a"\n'],
          ['config/_default/menus.toml', dir],
        ]),
      ).warnings.length;
    expect(warned('[[main]]\nURL = "/a"\nName = "A"\n')).toBe(0);
    expect(warned('[[main]]\nname = "A"\nurl = "/b"\n')).toBe(1);
    expect(warned('[[main]]\nname = "A"\nurl = "/a"\nweight = 1\n')).toBe(1);
  });
});

describe('resolveSiteConfig: each setting read, found by mutation testing', () => {
  const B = 'baseURL = "https://example.com/"\n';
  const site = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', toml), { file: 'hugo.toml' });

  it('gives every feed option its default, the id namespace from the baseURL', () => {
    expect(site(B).feeds).toStrictEqual({ ...DEFAULT_FEED_OPTIONS, idNamespace: 'example.com/' });
  });

  it('takes every feed option set, formats once each and the all-languages folder with a slash', () => {
    const toml = `${B}[feedpub]\nlimit = 5\nmaxBytes = 5000\nformats = ["atom", "atom"]\nfullContent = false\nallLanguagesPath = "every"\nidNamespace = "x"\nitemIds = "permalink"\nmaxArticleBytes = 2000\nmaxTermsPerTaxonomy = 3\ndirectory = false\nopml = false\narchives = true\nhub = "https://hub.example/"\n`;
    expect(site(toml).feeds).toStrictEqual({
      limit: 5,
      maxBytes: 5000,
      formats: ['atom'],
      fullContent: false,
      allLanguagesPath: 'every/',
      idNamespace: 'x',
      idNamespaceFromConfig: true,
      itemIds: 'permalink',
      maxArticleBytes: 2000,
      maxTermsPerTaxonomy: 3,
      directory: false,
      opml: false,
      archives: true,
      hub: 'https://hub.example/',
    });
  });

  it('refuses a baseURL that is missing, empty, no string, or has a query or fragment', () => {
    for (const toml of ['', 'baseURL = ""\n', 'baseURL = 3\n', 'baseURL = "https://e.com/?a=1"\n', 'baseURL = "https://e.com/#x"\n']) {
      expect(configError(() => site(toml)).key, toml).toBe('baseURL');
    }
    expect(configError(() => site('baseURL = 3\n')).message).toContain('must be a string');
  });

  it('reads the item limit of Hugo RSS: a whole number or a string of one, services.rss.limit before rssLimit, capped at 10,000', () => {
    const limit = (toml: string) => site(`${B}${toml}`).feeds.limit;
    expect(limit('[services.rss]\nlimit = "50"\n')).toBe(50);
    expect(limit('[services.rss]\nlimit = " 7 "\n')).toBe(7);
    expect(limit('rssLimit = 9\n[services.rss]\nlimit = 0\n')).toBe(9);
    expect(limit('rssLimit = 9\n[services.rss]\nlimit = 4\n')).toBe(4);
    expect(limit('[services.rss]\nlimit = -1\n')).toBe(20);
    expect(limit('[services.rss]\nlimit = 20000\n')).toBe(10_000);
    for (const bad of [
      '[services.rss]\nlimit = "5x"\n',
      '[services.rss]\nlimit = "x5"\n',
      '[services.rss]\nlimit = "5 5"\n',
      '[services.rss]\nlimit = true\n',
    ]) {
      expect(configError(() => site(`${B}${bad}`)).key, bad).toBe('services.rss.limit');
    }
    expect(configError(() => site(`${B}rssLimit = 1.5\n`)).key).toBe('rssLimit');
  });

  it('reads the copyright, authors and RSS limit of a language as Hugo 0.111 gives a language its config, each its own over that of the site', () => {
    // hugo 0.111 on two languages (en, fr): each key the language's, else the site's; then services.rss.limit
    // unless unset or 0, else rssLimit. Site services.rss.limit 4 with fr rssLimit 2 gave fr 4 items; fr
    // services.rss.limit 0 with fr rssLimit 2 gave 2; fr services.rss.limit 3 over rssLimits 4 and 2 gave 3.
    const ML = `${B}copyright = "Site"\nrssLimit = 4\n[params]\nauthor = "Site Author"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n`;
    const fr = (toml: string) => {
      const config = site(`${ML}${toml}`);
      return [config.languages.find((l) => l.key === 'fr'), config] as const;
    };
    const [own] = fr('copyright = "FR"\nrssLimit = 2\n[languages.fr.params]\nauthor = "Jean"\n');
    expect([own?.copyright, own?.authors, own?.limit]).toEqual(['FR', [{ name: 'Jean' }], 2]);
    // What a language does not set is the site's: nothing of its own is kept.
    const [same, config] = fr('');
    expect([same?.copyright, same?.authors, same?.limit, config.copyright, config.authors, config.feeds.limit]).toEqual([
      undefined,
      undefined,
      undefined,
      'Site',
      [{ name: 'Site Author' }],
      4,
    ]);
    expect(fr('rssLimit = 2\n[services.rss]\nlimit = 5\n')[0]?.limit).toBeUndefined();
    expect(fr('rssLimit = 2\n[languages.fr.services.rss]\nlimit = 0\n')[0]?.limit).toBe(2);
    expect(fr('rssLimit = 2\n[languages.fr.services.rss]\nlimit = 3\n')[0]?.limit).toBe(3);
    // -1, no limit in Hugo, is feedpub's 20 (archives keep the rest), over the site's 4.
    expect(fr('[languages.fr.services.rss]\nlimit = -1\n')[0]?.limit).toBe(20);
    // Hugo's `author` of a language (its Site.Author) stands after params.author, as the site's does.
    expect(fr('author = "Top FR"\n')[0]?.authors).toBeUndefined();
    expect(site(`${B}[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\nauthor = "Top FR"\n`).languages[1]?.authors).toEqual([{ name: 'Top FR' }]);
    // feedpub's author and limit, the site's over Hugo's, a language's over the site's.
    const [options] = fr('[params.feedpub]\nlimit = 10\nauthor = "Feed"\n[languages.fr.params.feedpub]\nlimit = 7\nauthor = { name = "Flux" }\n');
    expect([options?.limit, options?.authors]).toEqual([7, [{ name: 'Flux' }]]);
    const [site10] = fr('rssLimit = 2\n[feedpub]\nlimit = 10\n[languages.fr.params]\nauthor = "Jean"\n[languages.fr.feedpub]\nlimit = 3\n');
    expect([site10?.limit, site10?.authors]).toEqual([3, [{ name: 'Jean' }]]);
    expect(fr('rssLimit = 2\n[params.feedpub]\nlimit = 10\n')[0]?.limit).toBeUndefined();
    expect(configError(() => site(`${ML}rssLimit = "x"\n`)).key).toBe('languages.fr.rssLimit');
    expect(configError(() => site(`${ML}copyright = 3\n`)).key).toBe('languages.fr.copyright');
  });

  it('refuses in the feedpub options of a language one feedpub does not have, and a site-wide one set to another value than the site has', () => {
    const ML = `${B}[params.feedpub]\nformats = ["rss", "atom"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n`;
    const keys = (toml: string) => configError(() => site(`${ML}${toml}`)).key;
    // Hugo templates read [languages.fr.params.feedpub] as site.Params.feedpub (the docs partial's formats).
    expect(keys('[languages.fr.params.feedpub]\nlimt = 2\n')).toBe('languages.fr.params.feedpub.limt');
    expect(keys('[languages.fr.params.feedpub]\nformats = ["rss"]\n')).toBe('languages.fr.params.feedpub.formats');
    expect(keys('[languages.fr.feedpub]\nidNamespace = "x"\nhub = "https://hub.example/"\n')).toBe(
      'languages.fr.feedpub.idNamespace, languages.fr.feedpub.hub',
    );
    expect(keys('[languages.fr.params.feedpub]\nlimit = 0\n')).toBe('languages.fr.params.feedpub.limit');
    // A key written __PROTO__ is a key feedpub does not have, not the prototype of the options.
    expect(keys('[languages.fr.params.feedpub.__PROTO__]\nlimit = 1\n')).toBe('languages.fr.params.feedpub.__PROTO__');
    expect(configError(() => site(`${ML}[languages.fr.params.feedpub]\nallLanguagesPath = "x/"\n`)).message).toBe(
      "hugo.toml: languages.fr.params.feedpub.allLanguagesPath: is the whole site's option, not a language's: feedpub reads it for every language's feeds from [params.feedpub] (or [feedpub], feedpub.*); set it there, or remove it here (only limit and author are a language's own)",
    );
    // A language's author is checked as the site's: here a key an author does not have, named with its file.
    const author = configError(() => site(`${ML}[languages.fr.params.feedpub]\nauthor = { name = "Flux", mail = "flux@example.org" }\n`));
    expect([author.key, author.file]).toEqual(['languages.fr.params.feedpub.author.mail', 'hugo.toml']);
    // The site's own value, as a params.fr.toml copied from params.toml holds it, is no error.
    expect(site(`${ML}[languages.fr.params.feedpub]\nformats = ["rss", "atom"]\n`).feeds.formats).toEqual(['rss', 'atom']);
  });

  it('reads each language: its key and weight checked, its own time zone and host, the site languageCode for the default one only', () => {
    const languages = site(
      `${B}languageCode = "en-GB"\n[languages.en]\nweight = 1\ntimeZone = "Europe/Berlin"\nbaseURL = " https://en.example.com/ "\n[languages.fr]\nweight = 2\nbaseURL = "https://fr.example.com/"\n[languages.de]\nweight = 3\nbaseURL = ""\ndisabled = true\n`,
    ).languages;
    expect(languages.map((l) => [l.key, l.code, l.timeZone, l.hostBaseURL])).toEqual([
      ['en', 'en-GB', 'Europe/Berlin', 'https://en.example.com/'],
      ['fr', 'fr', undefined, 'https://fr.example.com/'],
    ]);
    expect(languages[1]).not.toHaveProperty('timeZone');
    // Hugo 0.111 refuses a host on some languages and not on the others (a disabled one does not count).
    const partial = configError(() => site(`${B}[languages.en]\nweight = 1\nbaseURL = "https://en.example.com/"\n[languages.fr]\nweight = 2\n`));
    expect(partial.key).toBe('languages.en.baseURL');
    expect(partial.message).toContain('not set on fr');
    // A language's host is an absolute http(s) URL, as the site's.
    expect(site(`${B}[languages.en]\nbaseURL = "https://en.example.com/a"\n`).languages[0]?.hostBaseURL).toBe('https://en.example.com/a/');
    expect(site(`${B}[languages.en]\nbaseURL = ""\n`).languages[0]).not.toHaveProperty('hostBaseURL');
    for (const bad of ['"/en/"', '"ftp://en.example.com/"', '"https://en.example.com/?x"', '3']) {
      expect(configError(() => site(`${B}[languages.en]\nbaseURL = ${bad}\n`)).key, bad).toBe('languages.en.baseURL');
    }
    expect(configError(() => site(`${B}[languages."en us"]\nweight = 1\n`)).key).toBe('languages.en us');
    expect(configError(() => site(`${B}[languages."-en"]\nweight = 1\n`)).key).toBe('languages.-en');
    expect(configError(() => site(`${B}[languages.en]\nweight = "1"\n`)).key).toBe('languages.en.weight');
    expect(configError(() => site(`${B}[languages.en]\ntimeZone = "Mars/Base"\n`)).key).toBe('languages.en.timeZone');
  });

  it('takes a time zone by its IANA name only, on every Node: no UTC offset (Node 22 and 24 took one), any case spelled as tzdata does', () => {
    const offset = configError(() => site(`${B}timeZone = "+08:00"\n`));
    expect([offset.key, offset.message]).toEqual([
      'timeZone',
      'hugo.toml: timeZone: unknown time zone "+08:00": a UTC offset is no time zone name; use an IANA name such as Asia/Shanghai, or Etc/GMT-8 for UTC+08:00 all year',
    ]);
    expect(configError(() => site(`${B}[languages.en]\ntimeZone = "-05:00"\n`)).key).toBe('languages.en.timeZone');
    // A fix of the case then changes no resolved config (its hash, the manifest's zoneRules keys): nothing is read again.
    const cased = site(`${B}timeZone = "asia/shanghai"\n[languages.en]\ntimeZone = "ASIA/KOLKATA"\n[languages.fr]\ntimeZone = "Asia/Calcutta"\n`);
    expect([cased.timeZone, ...cased.languages.map((l) => l.timeZone)]).toEqual(['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Calcutta']);
  });

  it('orders languages of one weight by key', () => {
    const languages = site(`${B}[languages.fr]\nweight = 1\n[languages.de]\nweight = 1\n[languages.en]\nweight = 0\n`).languages;
    expect(languages.map((l) => l.key)).toEqual(['en', 'de', 'fr']);
  });

  it('reads uglyURLs as a table of sections (lower case), and refuses other values', () => {
    expect(site(`${B}[uglyURLs]\nPosts = true\nnews = false\n`).uglyURLs).toEqual({ posts: true, news: false });
    expect(configError(() => site(`${B}uglyURLs = "yes"\n`)).key).toBe('uglyURLs');
    expect(configError(() => site(`${B}uglyURLs = ["a"]\n`)).key).toBe('uglyURLs');
    expect(configError(() => site(`${B}[uglyURLs]\nposts = "yes"\n`)).key).toBe('uglyURLs.posts');
  });

  it('reads permalinks in their nested page form too, with a leading slash, and refuses an empty or unknown pattern or an empty folder (Hugo: ill-formed)', () => {
    expect(site(`${B}[permalinks]\nposts = ":year/:slug/"\n[permalinks.page]\nnews = "/n/:slug/"\n`).permalinks).toEqual({
      posts: '/:year/:slug/',
      news: '/n/:slug/',
    });
    for (const bad of ['" "', '3', '"/:yaer/"', '"/a//:slug/"', '"//:slug/"'])
      expect(configError(() => site(`${B}[permalinks]\nposts = ${bad}\n`)).key, bad).toBe('permalinks.posts');
  });

  it('reads an author table (name trimmed, uri for url, email), none without a name, and trims strings', () => {
    expect(site(`${B}[params.author]\nName = " Ada "\nuri = "https://a.example/"\nemail = "a@example.org"\n`).authors).toEqual([
      {
        name: 'Ada',
        email: 'a@example.org',
        url: 'https://a.example/',
      },
    ]);
    expect(site(`${B}[params.author]\nname = ""\n`).authors).toBeUndefined();
    expect(configError(() => site(`${B}[params]\nauthor = 3\n`)).key).toBe('params.author');
    expect([site(`${B}title = "  "\n`).title, site(`${B}title = " T "\n`).title, site(`${B}copyright = "  "\n`).copyright]).toEqual([
      'example.com',
      'T',
      undefined,
    ]);
    expect(site(`${B}contentDir = ".//posts\\\\x//"\n`).languages[0]?.contentDir).toBe('posts/x');
  });

  it('refuses in feedpub author option a table without a name, a key it does not read and a url that is no http(s) URL, naming each key', () => {
    // Front matter warns of the same (author-no-name, author-url); these were dropped without a word.
    const keys = (toml: string) => {
      const error = configError(() => site(`${B}${toml}`));
      return [error.file, error.key];
    };
    expect(keys('[feedpub]\nauthor = { mail = "a@example.org" }\n')).toEqual(['hugo.toml', 'feedpub.author.mail, feedpub.author.name']);
    expect(keys('[params.feedpub]\nauthor = { name = "Ann", homepage = "https://a.example/", Mail = "a@example.org" }\n')).toEqual([
      'hugo.toml',
      'params.feedpub.author.homepage, params.feedpub.author.Mail',
    ]);
    const url = configError(() => site(`${B}[feedpub]\nauthor = { name = "Ann", url = "javascript:alert(1)" }\n`));
    expect([url.key, url.message]).toEqual([
      'feedpub.author.url',
      'hugo.toml: feedpub.author.url: "javascript:alert(1)" must be an absolute http(s) URL, such as https://example.org/about/',
    ]);
    expect(keys('[feedpub]\nauthor = ["Bob", { name = "Ann", URI = "/about/" }]\n')).toEqual(['hugo.toml', 'feedpub.author[1].URI']);
    expect(site(`${B}[feedpub]\nauthor = { Name = "Ann", uri = "https://a.example/", email = "a@example.org" }\n`).authors).toEqual([
      { name: 'Ann', email: 'a@example.org', url: 'https://a.example/' },
    ]);
    // Hugo's params.author is the themes' too (avatar, twitter): its other keys are theirs.
    expect(site(`${B}[params.author]\nname = "Ann"\navatar = "a.png"\n`).authors).toEqual([{ name: 'Ann' }]);
  });

  it('keeps removePathAccents only when on and pluralizeListTitles only when off, and no empty lists', () => {
    const on = site(`${B}removePathAccents = true\npluralizeListTitles = false\n`);
    expect([on.removePathAccents, on.pluralizeListTitles]).toEqual([true, false]);
    const off = site(`${B}removePathAccents = false\npluralizeListTitles = true\n`);
    expect(Object.keys(off)).toEqual(Object.keys(site(B)));
    expect(Object.keys(site(B))).not.toContain('disabledLanguages');
    expect(Object.keys(site(B))).not.toContain('params');
    expect(site(`${B}disablePathToLower = true\n`).disablePathToLower).toBe(true);
  });

  it('keeps enableEmoji only when on, read at the top level in any case (a language of its own is not read, as in Hugo 0.111)', () => {
    expect(site(`${B}enableEmoji = true\n`).enableEmoji).toBe(true);
    expect(site(`${B}EnableEmoji = true\n`).enableEmoji).toBe(true);
    // Off, or only a language's: the config is the one without the key (the same config hash, nothing rendered again).
    expect(site(`${B}enableEmoji = false\n`)).toEqual(site(B));
    expect(site(`${B}[languages.en]\nweight = 1\nenableEmoji = true\n`)).toEqual(site(`${B}[languages.en]\nweight = 1\n`));
    expect(site(`${B}[params]\nenableEmoji = true\n`).enableEmoji).toBeUndefined();
    const error = configError(() => site(`${B}enableEmoji = "yes"\n`));
    expect([error.file, error.key, error.message]).toEqual(['hugo.toml', 'enableEmoji', 'hugo.toml: enableEmoji: must be true or false']);
    // From the config folder, as Hugo merges it.
    const merged = loadSiteConfig(
      new Map([
        ['hugo.toml', 'baseURL = "https://x.example/"\n'],
        ['config/_default/hugo.toml', 'enableEmoji = true\n'],
      ]),
    );
    expect(merged.enableEmoji).toBe(true);
  });

  it('reads disableKinds as Hugo 0.111: case-sensitive kind names, the pre-0.73 names mapped, a language of its own, taxonomy alone an error', () => {
    const kinds = (toml: string) => site(`${B}${toml}`).disabledKinds;
    expect(kinds('disableKinds = ["term", "section", "home", "page"]\n')).toEqual(['home', 'page', 'section', 'term']);
    // Kinds no feed of feedpub's depends on, and names in another case, disable nothing it reads: the config is the one without the key.
    expect(site(`${B}disableKinds = ["RSS", "sitemap", "404", "robotsTXT", "Term", "rss", "taxonomyterm"]\n`)).toEqual(site(B));
    expect(kinds('disableKinds = "term  section"\n')).toEqual(['section', 'term']);
    // taxonomyTerm with taxonomy (either order) is taxonomy and term; alone it is taxonomy, the lists of terms.
    expect(kinds('disableKinds = ["taxonomy", "taxonomyTerm"]\n')).toEqual(['term']);
    expect(kinds('disableKinds = ["taxonomyTerm", "taxonomy"]\n')).toEqual(['term']);
    expect(kinds('disableKinds = ["taxonomyTerm"]\n')).toBeUndefined();
    expect(kinds('disableKinds = ["taxonomy", "term"]\n')).toEqual(['term']);
    // taxonomy alone fails Hugo 0.111's build, unless its error is ignored (the term pages are then kept).
    const error = configError(() => site(`${B}disableKinds = ["taxonomy"]\n`));
    expect([error.key, error.file]).toEqual(['disableKinds', 'hugo.toml']);
    expect(error.message).toContain('error-disable-taxonomy');
    expect(kinds('disableKinds = ["taxonomy"]\nignoreErrors = ["ERROR-disable-taxonomy"]\n')).toBeUndefined();
    expect(configError(() => site(`${B}disableKinds = [1]\n`)).key).toBe('disableKinds');
    expect(configError(() => site(`${B}ignoreErrors = "x"\n`)).key).toBe('ignoreErrors');
    // A language's own replaces the site's; an empty one disables nothing there.
    const languages = site(
      `${B}disableKinds = ["term"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\ndisableKinds = ["section"]\n[languages.de]\nweight = 3\ndisableKinds = []\n`,
    );
    expect([languages.disabledKinds, ...languages.languages.map((l) => l.disabledKinds)]).toEqual([['term'], undefined, ['section'], []]);
    expect(configError(() => site(`${B}[languages.fr]\ndisableKinds = ["taxonomy"]\n`)).key).toBe('languages.fr.disableKinds');
  });
});
