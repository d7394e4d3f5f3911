import { feedpubSetting } from '../config/config-keys.js';
import { MEANT_LANGUAGE } from '../config/language-codes.js';
import { MANIFEST_KEY, type ArticleEntry } from '../manifest.js';
import { isSiteCodeSetting, timeZoneOf, type Problem, type SiteConfig } from '../model.js';
import { idNamespaceOf } from '../plan/ids.js';
import type { HoldReason } from '../plan/select.js';
import { absoluteUrl, languagePrefix } from '../plan/urls.js';
import { isFeedFileName } from '../plan/slug.js';
import { rssImageUrl } from '../render/formats.js';
import type { StateRead } from './state.js';

/**
 * Feed files (and OPML lists) in the output that a first run does not write: an earlier build's, or
 * another tool's (Hugo's taxonomy list feeds). feedpub deletes only what its own recorded runs wrote, so
 * these stay and keep serving their last items; one warning names them, so that whoever sees it can
 * delete them (a quick start's sample feeds beside a site's own were found that way).
 */
export function strayFeedFiles(listed: Iterable<string>, planned: ReadonlySet<string>, rssFile: string | undefined): Problem[] {
  const stray = [...listed]
    .filter((path) => !planned.has(path) && (isFeedFileName(path.slice(path.lastIndexOf('/') + 1), rssFile) || path.endsWith('.opml')))
    .sort();
  if (stray.length === 0) return [];
  const named = stray.slice(0, 3).join(', ') + (stray.length > 3 ? `, … (${stray.length - 3} more)` : '');
  return [
    {
      file: stray[0] as string,
      severity: 'warning',
      rule: 'stray-feed-files',
      message: `the output holds ${stray.length} feed file${stray.length === 1 ? '' : 's'} this run does not write (${named}), left in place: feedpub deletes only what runs it recorded wrote (a local build with --state); delete them if an earlier build left them, or subscribers keep reading them`,
    },
  ];
}

/**
 * What to tell the author about a state this version did not write: an older feedpub's (what the run kept
 * of it), or one it cannot read at all (what that costs: ids from this run's namespace, and nothing of
 * what it published is deleted).
 */
export function stateNotes(read: StateRead, site: SiteConfig): Problem[] {
  const { idNamespace, idNamespaceFromConfig } = site.feeds;
  const where = `the state at ${MANIFEST_KEY}`;
  if (read.legacy !== undefined) {
    const ids = idNamespaceFromConfig
      ? `ids follow the config's idNamespace "${idNamespace}"`
      : read.legacy.idNamespace !== undefined
        ? `ids keep its idNamespace "${idNamespace}"`
        : `ids follow idNamespace "${idNamespace}" (it recorded none; the baseURL gives it)`;
    return [
      {
        file: '(state)',
        severity: 'info',
        rule: 'manifest-format',
        message: `${where} was written by an older feedpub (${read.legacy.format}): ${ids}, the files it published that this run does not write are deleted, and every page is read and every feed rendered again`,
      },
    ];
  }
  if (read.unreadable === undefined) return [];
  const found =
    read.unreadable.format !== undefined
      ? `was written by a feedpub this one cannot read (${read.unreadable.format})`
      : 'cannot be read (damaged, or not a feedpub manifest)';
  const from = idNamespaceFromConfig ? "the config's" : 'from the baseURL: if the published ids used another, set idNamespace to it';
  return [
    {
      file: '(state)',
      severity: 'warning',
      rule: 'manifest-format',
      message: `${where} ${found}: item and feed ids follow idNamespace "${idNamespace}" (${from}); files it published that this run does not write are left in place`,
    },
  ];
}

/** What to tell the author when ids keep a salt their config does not name (the site moved, or predates the default). */
export function idNamespaceNotes(site: SiteConfig, configFile: string, configKeys: readonly string[]): Problem[] {
  const { idNamespace, idNamespaceFromConfig } = site.feeds;
  if (idNamespaceFromConfig || idNamespace === idNamespaceOf(site.baseURL)) return [];
  // In the syntax of the file it goes in (`idNamespace: "…"` in a YAML one).
  const setting = feedpubSetting(configKeys, 'idNamespace', idNamespace);
  return [
    {
      file: setting.file ?? configFile,
      severity: 'info',
      rule: 'id-namespace',
      message: `item and feed ids keep the idNamespace "${idNamespace}" of earlier runs (the baseURL alone would give "${idNamespaceOf(site.baseURL)}"): ${setting.text} to keep them in builds without this state too`,
    },
  ];
}

/** A feed image RSS cannot carry: RSS 2.0's channel `<image>` is a GIF, JPEG or PNG (Atom and JSON Feed take any). */
export function feedImageNotes(site: SiteConfig, configFile: string): Problem[] {
  const { icon, logo, formats } = site.feeds;
  if ((icon === undefined && logo === undefined) || !formats.includes('rss') || rssImageUrl(site.feeds) !== undefined) return [];
  const named = [icon !== undefined && `icon "${icon}"`, logo !== undefined && `logo "${logo}"`].filter(Boolean).join(' and ');
  return [
    {
      file: configFile,
      severity: 'warning',
      rule: 'rss-image-format',
      message: `${named}: RSS 2.0 takes a GIF, JPEG or PNG image (by its file name) for a feed, so RSS feeds have none (Atom and JSON Feed show it); give a .png logo for them`,
    },
  ];
}

/**
 * `disableKinds` with `home` or `page` (the site's, or a language's own): Hugo makes no home page, or no
 * page of an article, so what feeds link there leads to no page. feedpub publishes the feeds all the same
 * (they are what the site is for: a site that needs no pages may still want its feeds), and says so, once
 * per setting. (A disabled `term` or `section` leaves its feeds out: see `planFeeds`.)
 *
 * @example disabledKindNotes(site, 'hugo.toml')[0]?.rule // 'disabled-kind'
 */
export function disabledKindNotes(site: SiteConfig, configFile: string): Problem[] {
  const problems: Problem[] = [];
  const say = (setting: string, kinds: readonly string[] | undefined, languages: readonly string[]): void => {
    const where = site.languages.length > 1 ? ` (${languages.join(', ')})` : '';
    if (kinds?.includes('home')) {
      problems.push({
        file: configFile,
        severity: 'warning',
        rule: 'disabled-kind',
        message: `${setting} "home": Hugo writes no home page${where}, so the home feeds' links to it lead to no page; feedpub publishes those feeds all the same`,
      });
    }
    if (kinds?.includes('page')) {
      problems.push({
        file: configFile,
        severity: 'warning',
        rule: 'disabled-kind',
        message: `${setting} "page": Hugo writes no page of an article${where}, so every item's link leads to no page (and so does the link of a section's or a term's feed without a list page of its own); feedpub publishes the feeds all the same`,
      });
    }
  };
  const bySite = site.languages.filter((l) => l.disabledKinds === undefined).map((l) => l.key);
  if (bySite.length > 0) say('disableKinds', site.disabledKinds, bySite);
  for (const l of site.languages) if (l.disabledKinds !== undefined) say(`languages.${l.writtenKey ?? l.key}.disableKinds`, l.disabledKinds, [l.key]);
  return problems;
}

/**
 * A language with a host of its own (Hugo's multihost, `[languages.fr] baseURL`): its pages are linked on
 * that host, as Hugo links them, but feedpub publishes its feeds under the site's baseURL and the language's
 * folder, not where its Hugo site has them: said, for each.
 *
 * @example multihostNotes(site, 'hugo.toml')[0]?.message
 * // 'languages.fr.baseURL: its pages are linked at https://fr.example.org/, as Hugo links them, but its feeds are published under https://example.com/fr/, not at https://fr.example.org/ where Hugo has them: serve that folder there, or link its feeds where they are'
 */
export function multihostNotes(site: SiteConfig, configFile: string): Problem[] {
  return site.languages.flatMap((l): Problem[] => {
    const feeds = absoluteUrl(site, languagePrefix(site, l.key));
    if (l.hostBaseURL === undefined || l.hostBaseURL === feeds) return [];
    return [
      {
        file: configFile,
        severity: 'warning',
        rule: 'multihost',
        message: `languages.${l.writtenKey ?? l.key}.baseURL: its pages are linked at ${l.hostBaseURL}, as Hugo links them, but its feeds are published under ${feeds}, not at ${l.hostBaseURL} where Hugo has them: serve that folder there, or link its feeds where they are`,
      },
    ];
  });
}

/**
 * A language whose code, or key standing for one, names no language (`[languages.cn]`, `locale =
 * "english"`): a feed validator rejects a feed that carries it, so its feeds carry the site's code (as
 * Hugo 0.111's do) or none: said, for each, with the setting that gives it one (Hugo 0.158's `locale`,
 * named `languageCode` before, which the hint names too when the config sets neither).
 *
 * @example languageCodeNotes(site, 'hugo.toml')[0].message
 * // 'languages.cn.locale: not set, and the language key "cn" is no language code (ISO 639): its feeds say en-US, the site\'s code, as Hugo 0.111\'s do; set languages.cn.locale (zh-CN, if that is the language; languageCode before Hugo 0.158)'
 */
export function languageCodeNotes(site: SiteConfig, configFile: string): Problem[] {
  return site.languages.flatMap((l): Problem[] => {
    const unknown = l.unknownCode;
    if (unknown === undefined) return [];
    const ofSite = isSiteCodeSetting(unknown.setting);
    const what = !unknown.fromKey
      ? `"${unknown.value}" is no language code (ISO 639)`
      : ofSite
        ? `not set, and the default content language "${unknown.value}" is no language code (ISO 639)`
        : `not set, and the language key "${unknown.value}" is no language code (ISO 639)`;
    // Another language's code is the site's (the one source left); the site's own bad code leaves its
    // default language the code of its key, or none.
    const says =
      l.code === undefined
        ? 'its feeds name no language'
        : ofSite
          ? `its feeds say ${l.code}, its key`
          : `its feeds say ${l.code}, the site's code, as Hugo 0.111's do`;
    const meant = MEANT_LANGUAGE[unknown.value.toLowerCase()];
    const example = meant !== undefined ? `${meant}, if that is the language` : 'such as en, ja or zh-CN';
    // Not set at all: the name Hugo 0.158 reads, and the one a site on an older Hugo writes.
    const older = unknown.fromKey && unknown.setting.endsWith('locale') ? '; languageCode before Hugo 0.158' : '';
    return [
      {
        file: configFile,
        severity: 'warning',
        rule: 'language-code-unknown',
        message: `${unknown.setting}: ${what}: ${says}; set ${unknown.setting} (${example}${older})`,
      },
    ];
  });
}

export function holdMessage(reason: HoldReason, entry: ArticleEntry, site: SiteConfig, duplicateOf?: ArticleEntry): string {
  if (reason === 'draft') return 'draft: held back';
  if (reason === 'duplicate-id') {
    // Two files that are one page (`a.md` and `a.en.md`; `en/a.zh-cn.md` and `zh-CN/a.md`) share its id too.
    if (duplicateOf !== undefined && duplicateOf.url === entry.url) {
      return `is the same page as ${duplicateOf.key} (${entry.url}, item id ${entry.id}): left out of feeds; keep one of the two files`;
    }
    // A front matter id is known only of a file this run parsed (`idStated`): else say what ids are made of.
    const why =
      entry.idStated === true || duplicateOf?.idStated === true
        ? 'the same front matter id'
        : 'one language and one path without its language suffix, which an id is made from when the front matter states none';
    return `has the item id ${entry.id} of ${duplicateOf?.key ?? 'another article'} (${why}): left out of feeds; give one of them its own id`;
  }
  if (reason === 'future') return `publishes at ${wallClock(entry.publishAt, timeZoneOf(site, entry.lang))}: held back until then`;
  return `expired at ${wallClock(entry.expiresAt ?? 0, timeZoneOf(site, entry.lang))}: removed from feeds`;
}

const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();

/** `2031-06-01 09:00 Asia/Shanghai`: a moment as the site's authors write it. */
export function wallClock(ms: number, timeZone: string): string {
  let format = WALL_CLOCKS.get(timeZone);
  if (!format) {
    // Built once per zone: a run formats a message for every held-back article (300 at 30,000).
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    WALL_CLOCKS.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

/**
 * The notice of a run whose state another feedpub version wrote (its `RENDER_VERSION`): after an upgrade,
 * once (every page read and every item rendered again); at every run, two versions taking turns, each
 * rewriting what the other wrote; a newer version's state read by an older one is a rollback or a CLI, CI
 * or function left behind.
 *
 * @example renderVersionNotes(29, 33)[0]?.severity // 'info'
 */
export function renderVersionNotes(stored: number | undefined, current: number): Problem[] {
  if (stored === undefined || stored === current) return [];
  const newer = stored > current;
  const turns =
    "if this comes at every run, two feedpub versions (the CLI, CI, the function) take turns and rewrite each other's feeds: run one version everywhere";
  return [
    {
      file: '(state)',
      severity: newer ? 'warning' : 'info',
      rule: 'render-version-changed',
      message: newer
        ? `the state at ${MANIFEST_KEY} was written by a newer feedpub (render version ${stored}; this one is ${current}): every page was read and every item rendered again as this older version writes them; ${turns}`
        : `the state at ${MANIFEST_KEY} was written by an older feedpub (render version ${stored}; this one is ${current}): every page was read and every item rendered again, once; ${turns}`,
    },
  ];
}
