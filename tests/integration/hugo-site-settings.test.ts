import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// Hugo 0.111 reads a language's own timeZone for its pages' dates written without one (an audit checked it
// with `hugo --clock`): a German page at 10:00 is 08:00Z in summer, its `:day` Berlin's, and it goes live then.
const CONFIG = `baseURL = "https://x.org/"
defaultContentLanguage = "en"
timeZone = "UTC"
[permalinks]
posts = "/:year/:month/:day/:slug/"
[languages.en]
contentDir = "content/en"
[languages.de]
contentDir = "content/de"
timeZone = "Europe/Berlin"
`;

const page = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date}\n---\nText.\n`;

describe('a language with its own timeZone', () => {
  const source = () =>
    new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/de/posts/morgen.md', page('Morgen', '2030-06-01 01:00:00')],
      ['content/de/posts/spaeter.md', page('Später', '2030-06-01 10:00:00')],
      ['content/en/posts/morning.md', page('Morning', '2030-06-01 01:00:00')],
    ]);

  it('reads its dates without a zone in that zone, for instants, permalinks and publishing', async () => {
    // Act: at 09:00Z, 11:00 in Berlin: the German 10:00 post is live, as Hugo shows it then.
    const { target, report } = await buildToMemory(source(), Date.UTC(2030, 5, 1, 9));
    // Assess
    const de = JSON.parse(textFiles(target).get('de/feed.json') ?? '{}') as { items: { url: string; date_published: string }[] };
    expect(de.items.map((i) => [i.url, i.date_published])).toEqual([
      ['https://x.org/de/2030/06/01/sp%C3%A4ter/', '2030-06-01T08:00:00Z'],
      // 01:00 in Berlin is 23:00Z the day before: the link has Berlin's day, as Hugo's.
      ['https://x.org/de/2030/06/01/morgen/', '2030-05-31T23:00:00Z'],
    ]);
    const en = JSON.parse(textFiles(target).get('feed.json') ?? '{}') as { items: { url: string; date_published: string }[] };
    expect(en.items.map((i) => [i.url, i.date_published])).toContainEqual(['https://x.org/2030/06/01/morning/', '2030-06-01T01:00:00Z']);
    expect(report.problems.filter((p) => p.rule === 'future')).toEqual([]);
  });

  it('holds a post back until its time in that zone, and says the time in it', async () => {
    const { target, report } = await buildToMemory(source(), Date.UTC(2030, 5, 1, 7, 59));
    expect(textFiles(target).get('de/feed.json')).not.toContain('Später');
    expect(report.nextChangeAt).toBe(Date.UTC(2030, 5, 1, 8));
    expect(report.problems.find((p) => p.rule === 'future')?.message).toBe('publishes at 2030-06-01 10:00 Europe/Berlin: held back until then');
  });

  it('refuses a zone that does not exist, naming the key', async () => {
    const bad = new MemoryStorage([
      ['hugo.toml', CONFIG.replace('Europe/Berlin', 'Berlin')],
      ['content/de/posts/a.md', page('A', '2030-06-01 10:00:00')],
    ]);
    await expect(buildToMemory(bad, Date.UTC(2030, 5, 2))).rejects.toThrow('languages.de.timeZone: unknown time zone "Berlin"');
  });
});

// Hugo 0.111 with removePathAccents = true (checked with hugo list all and its public/ folder): item links and
// term feed folders lose their accents; titles and terms as shown keep them.
describe('removePathAccents', () => {
  it('takes accents out of item links and term feed folders, as Hugo does', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\nremovePathAccents = true\n[permalinks]\ns = "/s/:title/"\n'],
      ['content/s/one.md', '---\ntitle: "Ça Été Déjà Vu"\ndate: 2025-01-01\ntags: ["Café Crème", "Übermaß"]\n---\nx\n'],
      ['content/d/Ét_é.md', '---\ntitle: e\ndate: 2025-01-02\n---\nx\n'],
      [
        'content/posts/p.md',
        '---\ntitle: p\ndate: 2025-01-03\nslug: "Élan vital"\ncategories: ["Ação"]\n---\nSee [the tag]({{< ref "/tags/cafe-creme" >}}).\n',
      ],
    ]);
    const { target } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    const files = textFiles(target);
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: { url: string; title: string }[] };
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.org/posts/elan-vital/', 'https://x.org/d/et_e/', 'https://x.org/s/ca-ete-deja-vu/']);
    expect(feed.items.map((i) => i.title)).toContain('Ça Été Déjà Vu');
    for (const path of ['tags/cafe-creme/index.xml', 'tags/ubermaß/index.xml', 'categories/acao/index.xml']) expect(files.has(path), path).toBe(true);
    // A ref names the term by its path as Hugo makes it, accents gone.
    expect(files.get('posts/feed.json')).toContain('href=\\"https://x.org/tags/cafe-creme/\\"');
  });
});

// Hugo 0.111 with `[uglyURLs] posts = true` (checked with its public/ folder): only that section's pages
// and its list page are ugly; other sections and terms keep folders.
describe('uglyURLs per section', () => {
  it('makes one section ugly, as Hugo does, where a table was refused as a config error', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\n[uglyURLs]\nposts = true\n'],
      ['content/posts/hello.md', '---\ntitle: h\ndate: 2025-01-01\ntags: [go]\n---\nx\n'],
      ['content/news/n.md', '---\ntitle: n\ndate: 2025-01-02\ntags: [go]\n---\nx\n'],
    ]);
    const { target } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    const links = (path: string) => rssLinks(target, path);
    expect(links('index.xml')).toEqual(['https://x.org/', 'https://x.org/news/n/', 'https://x.org/posts/hello.html']);
    expect(links('posts/index.xml')).toEqual(['https://x.org/posts.html', 'https://x.org/posts/hello.html']);
    expect(links('tags/go/index.xml')).toEqual(['https://x.org/tags/go/', 'https://x.org/news/n/', 'https://x.org/posts/hello.html']);
  });

  it('compares a page folder as written and a list page lower-cased, as Hugo 0.111 does', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\n[uglyURLs]\nblog = true\n'],
      ['content/Blog/c.md', '---\ntitle: c\ndate: 2025-01-01\n---\nx\n'],
      ['content/Blog/_index.md', '---\ntitle: Blog\n---\n'],
    ]);
    const { target } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    expect(rssLinks(target, 'blog/index.xml')).toEqual(['https://x.org/blog.html', 'https://x.org/blog/c/']);
  });
});

describe('a multihost site (a language with a baseURL of its own)', () => {
  const config = (extra = '') =>
    `baseURL = "https://x.org/"\ndefaultContentLanguage = "en"\n${extra}[languages.en]\ncontentDir = "content/en"\nbaseURL = "https://x.org"\n[languages.fr]\ncontentDir = "content/fr"\nbaseURL = "https://fr.x.org/"\n`;
  const source = (extra = '', fr = '') =>
    new MemoryStorage([
      ['hugo.toml', config(extra)],
      ['content/en/posts/a.md', '---\ntitle: a\ndate: 2025-01-01\ntranslationKey: a\n---\nSee {{< ref path="/posts/b.md" lang="fr" >}}.\n'],
      ['content/fr/posts/b.md', `---\ntitle: b\ndate: 2025-01-01\ntranslationKey: a\ntags: [Go]\n${fr}---\nx\n`],
    ]);
  const NOW = Date.UTC(2025, 5, 1);

  it('links its pages, lists and translations at its host, and warns that its feeds are under the site baseURL', async () => {
    const { report, target } = await buildToMemory(source('', 'images: [cover.png]\n'), NOW);
    expect(report.problems.filter((p) => p.rule === 'multihost').map((p) => `${p.file}: ${p.message}`)).toEqual([
      'hugo.toml: languages.fr.baseURL: its pages are linked at https://fr.x.org/, as Hugo links them, but its feeds are published under https://x.org/fr/, not at https://fr.x.org/ where Hugo has them: serve that folder there, or link its feeds where they are',
    ]);
    const files = textFiles(target);
    const fr = files.get('fr/index.xml') ?? '';
    expect(fr).toContain('<link>https://fr.x.org/</link>');
    expect(fr).toContain('<link>https://fr.x.org/posts/b/</link>');
    expect(fr).toContain('<atom:link href="https://x.org/fr/index.xml" rel="self"');
    expect(files.get('fr/tags/go/index.xml')).toContain('<link>https://fr.x.org/tags/go/</link>');
    expect(JSON.parse(files.get('fr/posts/feed.json') ?? '{}')).toMatchObject({
      home_page_url: 'https://fr.x.org/posts/',
      feed_url: 'https://x.org/fr/posts/feed.json',
    });
    // A front matter image is resolved as Hugo's absURL resolves it there: against the language's host.
    expect(JSON.parse(files.get('fr/feed.json') ?? '{}').items[0].image).toBe('https://fr.x.org/cover.png');
    // The other language's translation alternate, and a ref to the page, lead there too.
    expect(files.get('atom.xml')).toContain('hreflang="fr" href="https://fr.x.org/posts/b/"');
    expect(files.get('index.xml')).toContain('https://fr.x.org/posts/b/');
    expect(files.get('fr/atom.xml')).toContain('<link rel="alternate" type="text/html" href="https://fr.x.org/"/>');
    expect(files.get('feeds/all.opml')).toContain('htmlUrl="https://fr.x.org/tags/go/"');
    // discovery.json keys a page on another host by its whole URL: its /posts/ is not the default language's.
    expect(Object.keys(JSON.parse(files.get('feeds/discovery.json') ?? '{}'))).toEqual(
      expect.arrayContaining(['/', '/posts/', 'https://fr.x.org/', 'https://fr.x.org/posts/', 'https://fr.x.org/tags/go/']),
    );
    expectValidFeeds(files, 'https://x.org/');
  });

  it('keeps every item id: uuid ids are made from the path alone, and permalink ids are the page URLs, at the host as Hugo writes its guids', async () => {
    const ids = (files: Map<string, string>): string[] => (JSON.parse(files.get('all/feed.json') ?? '{}').items as { id: string }[]).map((i) => i.id);
    const single = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://x.org/"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      ],
      ...[...source().snapshot()].filter(([key]) => key !== 'hugo.toml').map(([key, object]) => [key, object.body] as const),
    ]);
    expect(ids((await buildToMemory(source(), NOW)).files)).toEqual(ids((await buildToMemory(single, NOW)).files));
    const permalinks = (await buildToMemory(source('[feedpub]\nitemIds = "permalink"\n'), NOW)).files;
    expect(ids(permalinks).sort()).toEqual(['https://fr.x.org/posts/b/', 'https://x.org/posts/a/']);
    expect(permalinks.get('fr/index.xml')).toContain('<guid>https://fr.x.org/posts/b/</guid>');
  });

  it('a run for one uploaded page of it gives what a clean build gives', async () => {
    const src = source();
    const target = new MemoryStorage();
    const deps = memoryDeps(src, NOW, { target });
    await rebuild(deps);
    await src.write({ key: 'content/fr/posts/c.md', body: '---\ntitle: c\ndate: 2025-01-02\nurl: rel/\n---\nx\n', contentType: '', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['content/fr/posts/c.md'] });
    const files = textFiles(target);
    expect(files.get('fr/index.xml')).toContain('<link>https://fr.x.org/rel/</link>');
    expect(files).toEqual(await cleanBuildOf(src, NOW));
  });
});

// Hugo 0.111 writes a language's languageCode, else the site's, else no <language> (checked with its public/
// folder): a key such as `cn` never names the language. feedpub writes a key that is a language's code.
describe('a language key that names no language (`[languages.cn]`, `jp`, `english`)', () => {
  const site = (top: string) =>
    new MemoryStorage([
      [
        'hugo.toml',
        `baseURL = "https://ex.example/"\ntitle = "T"\ndefaultContentLanguage = "en"\n${top}[languages.en]\nweight = 1\n[languages.jp]\nweight = 2\n[languages.cn]\nweight = 3\n`,
      ],
      ...['en', 'jp', 'cn'].map((l): [string, string] => [
        `content/posts/a.${l}.md`,
        `---\ntitle: t\ndate: 2024-01-02T00:00:00Z\ntranslationKey: a\n---\nbody\n`,
      ]),
    ]);
  const NOW = Date.parse('2025-01-01T00:00:00Z');

  it('gives its feeds no language where the site has no languageCode, says so, and leaves every feed valid', async () => {
    const { report, target } = await buildToMemory(site(''), NOW);
    const files = textFiles(target);
    expect(report.problems.filter((p) => p.rule === 'language-code-unknown').map((p) => `${p.file}: ${p.severity}: ${p.message}`)).toEqual([
      'hugo.toml: warning: languages.jp.locale: not set, and the language key "jp" is no language code (ISO 639): its feeds name no language; set languages.jp.locale (ja, if that is the language; languageCode before Hugo 0.158)',
      'hugo.toml: warning: languages.cn.locale: not set, and the language key "cn" is no language code (ISO 639): its feeds name no language; set languages.cn.locale (zh-CN, if that is the language; languageCode before Hugo 0.158)',
    ]);
    for (const dir of ['jp/', 'cn/', 'cn/posts/']) {
      expect(files.get(`${dir}index.xml`), dir).not.toContain('<language>');
      expect(files.get(`${dir}atom.xml`), dir).not.toContain('xml:lang');
      expect(files.get(`${dir}feed.json`), dir).not.toContain('"language"');
    }
    expect(files.get('index.xml')).toContain('<language>en</language>');
    // The all-languages feed names each item's language where it has one; no translation links a page without one.
    const all = files.get('all/atom.xml') ?? '';
    expect([...all.matchAll(/<entry( xml:lang="[^"]*")?>/g)].map((m) => m[1] ?? '').sort()).toEqual(['', '', ' xml:lang="en"']);
    expect(all).not.toContain('hreflang');
    expectValidFeeds(files, 'https://ex.example/');
  });

  it('gives its feeds the site languageCode where there is one, as Hugo 0.111 does', async () => {
    const { report, target } = await buildToMemory(site('languageCode = "en-US"\n'), NOW);
    const files = textFiles(target);
    expect(files.get('cn/index.xml')).toContain('<language>en-US</language>');
    expect(files.get('jp/atom.xml')).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US"');
    expect(report.problems.find((p) => p.rule === 'language-code-unknown')?.message).toContain(
      "its feeds say en-US, the site's code, as Hugo 0.111's do; set languages.jp.locale",
    );
  });

  // The site's languageCode standing in says nothing of the language: as an alternate, cn's page (first by
  // page key) took the en-US slot of the English page, which has that code of its own.
  it('makes a language with the site languageCode standing in no translation alternate, nor gives it any', async () => {
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://ex.example/"\ntitle = "T"\nlanguageCode = "en-US"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n[languages.cn]\nweight = 3\n',
      ],
      ...['en', 'de', 'cn'].map((l): [string, string] => [
        `content/posts/a.${l}.md`,
        `---\ntitle: t ${l}\ndate: 2024-01-02T00:00:00Z\ntranslationKey: a\n---\nbody\n`,
      ]),
    ]);
    const files = textFiles((await buildToMemory(source, NOW)).target);
    const alternates = (path: string) =>
      [...(files.get(path) ?? '').matchAll(/<link rel="alternate" type="text\/html" hreflang="([^"]*)" href="([^"]*)"\/>/g)].map((m) => `${m[1]} ${m[2]}`);
    // Each entry lists its translations, then its own page in its own language.
    expect(alternates('de/atom.xml')).toEqual(['en-US https://ex.example/posts/a/', 'de https://ex.example/de/posts/a/']);
    expect(alternates('atom.xml')).toEqual(['de https://ex.example/de/posts/a/', 'en-US https://ex.example/posts/a/']);
    expect(alternates('cn/atom.xml')).toEqual([]);
    expect(files.get('cn/atom.xml')).toContain('xml:lang="en-US"');
    expectValidFeeds(files, 'https://ex.example/');
  });
});

/** The `<link>`s of an RSS file, channel first, in order. */
function rssLinks(target: MemoryStorage, path: string): (string | undefined)[] {
  return [...(textFiles(target).get(path) ?? '').matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1]);
}

// Hugo 0.111 with pluralizeListTitles = false (checked with its public/ folder): `blog` is "Blog on X".
describe('pluralizeListTitles = false', () => {
  it('titles a section without a list page by its name alone', async () => {
    const source = (extra: string) =>
      new MemoryStorage([
        ['hugo.toml', `baseURL = "https://x.org/"\ntitle = "X"\n${extra}`],
        ['content/blog/a.md', page('A', '2024-01-01')],
        ['content/music/b.md', page('B', '2024-01-02')],
      ]);
    const title = (files: Map<string, string>, dir: string) => /<title>([^<]*)<\/title>/.exec(files.get(`${dir}/index.xml`) ?? '')?.[1];
    const plain = textFiles((await buildToMemory(source('pluralizeListTitles = false\n'), Date.UTC(2025, 0, 1))).target);
    expect([title(plain, 'blog'), title(plain, 'music')]).toEqual(['Blog on X', 'Music on X']);
    const plural = textFiles((await buildToMemory(source(''), Date.UTC(2025, 0, 1))).target);
    expect(title(plural, 'blog')).toBe('Blogs on X');
  });
});

// Hugo 0.111 gives a language its config key by key, its own over the site's (checked with hugo on this
// site: fr/index.xml has <copyright>FR ©</copyright> and 3 items, index.xml Site © and 4; the home page
// template of fr sees site.Params.author "Jean", of en "Site Author").
describe('the copyright, authors and item limit a language sets of its own', () => {
  const CONFIG = `baseURL = "https://x.org/"
title = "T"
copyright = "Site ©"
rssLimit = 4
defaultContentLanguage = "en"
[params]
author = "Site Author"
[languages.en]
weight = 1
contentDir = "content/en"
[languages.fr]
weight = 2
contentDir = "content/fr"
copyright = "FR ©"
[languages.fr.services.rss]
limit = 3
[languages.fr.params]
author = "Jean"
`;
  const pages = (lang: string, title: string) =>
    [1, 2, 3, 4, 5].map((i): [string, string] => [`content/${lang}/p${i}.md`, page(`${title} ${i}`, `2025-01-0${i}`)]);

  it('writes them in the feeds of that language, those of the site in the all-languages feed, whose items keep the authors of their language', async () => {
    // Prepare
    const source = new MemoryStorage([['hugo.toml', CONFIG], ...pages('en', 'E'), ...pages('fr', 'F')]);
    // Act
    const { target } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    // Assess
    const files = textFiles(target);
    const rss = (path: string) => {
      const xml = files.get(path) ?? '';
      return [xml.match(/<copyright>([^<]*)/)?.[1], [...new Set([...xml.matchAll(/<dc:creator>([^<]*)/g)].map((m) => m[1]))], xml.split('<item>').length - 1];
    };
    expect(rss('index.xml')).toEqual(['Site ©', ['Site Author'], 4]);
    expect(rss('fr/index.xml')).toEqual(['FR ©', ['Jean'], 3]);
    expect(rss('all/index.xml')).toEqual(['Site ©', ['Site Author', 'Jean'], 4]);
    const atom = files.get('fr/atom.xml') ?? '';
    expect(atom).toContain('<rights type="text">FR ©</rights>');
    expect(atom.match(/<author>\s*<name>([^<]*)<\/name>/)?.[1]).toBe('Jean');
    const json = JSON.parse(files.get('fr/feed.json') ?? '{}') as { authors: { name: string }[]; items: unknown[] };
    expect([json.authors, json.items.length]).toEqual([[{ name: 'Jean' }], 3]);
    expectValidFeeds(files, 'https://x.org/');
  });
});
