import type { SiteConfig } from '../../model.js';
import { compareText } from './compare-text.js';
import type { FeedSummary } from './feed-summary.js';
import { configuredLanguageName, languageName } from './language-name.js';
import { getOrInsert } from '../../get-or-insert.js';

/** The term feeds of one taxonomy in one language, sorted by term name. */
export interface TaxonomyGroup {
  readonly taxonomy: string;
  readonly feeds: readonly FeedSummary[];
}

/** One language's feeds. */
export interface LanguageGroup {
  /** Language key (`zh-cn`). */
  readonly key: string;
  /** BCP 47 code (`zh-CN`); absent for a configured language that has none (see `LanguageConfig.code`). */
  readonly code?: string;
  /** Display name (`简体中文`): the configured `label` (`languageName` before Hugo 0.158), else the language's own name for itself. */
  readonly name: string;
  /** The language's own title (site title in that language). */
  readonly title: string;
  /** Site and language feeds of this language (not term feeds). */
  readonly main: readonly FeedSummary[];
  readonly taxonomies: readonly TaxonomyGroup[];
}

/** Every feed, grouped as the directory and the OPML files show them. */
export interface FeedGroups {
  /** Feeds of no particular language (the all-languages feed), sorted by folder. */
  readonly global: readonly FeedSummary[];
  /** Languages that have at least one feed: configured languages by weight, then unknown keys sorted. */
  readonly languages: readonly LanguageGroup[];
}

function byDir(a: FeedSummary, b: FeedSummary): number {
  return compareText(a.dir, b.dir);
}

function byTerm(a: FeedSummary, b: FeedSummary): number {
  const an = a.term ?? a.title;
  const bn = b.term ?? b.title;
  return compareText(an.toLowerCase(), bn.toLowerCase()) || compareText(an, bn) || byDir(a, b);
}

/**
 * Groups feeds by language, then into main feeds and one group per taxonomy (site order, then
 * unknown taxonomies sorted). The result does not depend on the order of `feeds`.
 *
 * @example
 * groupFeeds(site, feeds).languages.map((l) => l.key); // ['en', 'zh-cn']
 */
export function groupFeeds(site: SiteConfig, feeds: readonly FeedSummary[]): FeedGroups {
  const global: FeedSummary[] = [];
  const byLang = new Map<string, FeedSummary[]>();
  for (const feed of feeds) {
    if (feed.lang === undefined) {
      global.push(feed);
      continue;
    }
    getOrInsert(byLang, feed.lang, () => []).push(feed);
  }
  const configured = site.languages.map((l) => l.key);
  const unknown = [...byLang.keys()].filter((k) => !configured.includes(k)).sort(compareText);
  const taxonomyOrder = site.taxonomies.map((t) => t.plural);

  const languages: LanguageGroup[] = [];
  for (const key of [...configured, ...unknown]) {
    const list = byLang.get(key);
    if (!list) continue;
    const config = site.languages.find((l) => l.key === key);
    const code = config ? config.code : (list.find((f) => f.languageCode !== undefined)?.languageCode ?? key);
    const main = list.filter((f) => f.kind !== 'term' || f.taxonomy === undefined).sort(byDir);
    const terms = new Map<string, FeedSummary[]>();
    for (const feed of list) {
      if (feed.kind !== 'term' || feed.taxonomy === undefined) continue;
      getOrInsert(terms, feed.taxonomy, () => []).push(feed);
    }
    const extra = [...terms.keys()].filter((t) => !taxonomyOrder.includes(t)).sort(compareText);
    const taxonomies: TaxonomyGroup[] = [];
    for (const taxonomy of [...taxonomyOrder, ...extra]) {
      const group = terms.get(taxonomy);
      if (group) taxonomies.push({ taxonomy, feeds: group.sort(byTerm) });
    }
    const name = config ? configuredLanguageName(config) : languageName(code ?? key);
    languages.push({ key, ...(code !== undefined ? { code } : {}), name, title: config?.title || site.title, main, taxonomies });
  }
  return { global: global.sort(byDir), languages };
}
