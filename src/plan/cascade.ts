import type { SiteConfig } from '../model.js';
import type { CascadedBuild, CascadeEntry, CascadeTarget } from '../parse/cascade.js';
import type { CascadedDate } from './date-sources.js';
import { hugoGlob } from './hugo-glob.js';
import { lowerAsGo } from './slug.js';

/** A page or a list page as a cascade target sees it. */
export interface CascadeNode {
  readonly kind: 'home' | 'page' | 'section' | 'taxonomy' | 'term';
  /** Hugo's path of it ({@link hugoPath}): `/posts/old/x`, `/posts`, `/tags/go`, `/`. */
  readonly path: string;
  readonly lang: string;
}

/** The entries of one cascade, and where it is written (a list page's key, or the config file's name). */
export interface CascadeSource {
  readonly origin: string;
  readonly entries: readonly CascadeEntry[];
}

/** One value a page takes from a cascade, and where that cascade is written. */
export interface Cascaded<T> {
  readonly value: T;
  readonly origin: string;
}

/** What a page takes from the cascades above it: each key from the nearest entry that targets it and gives it. */
export interface CascadedValues {
  readonly draft?: Cascaded<boolean>;
  readonly publishDate?: Cascaded<number>;
  readonly date?: Cascaded<number>;
  readonly expiryDate?: Cascaded<number>;
  readonly build?: Cascaded<CascadedBuild>;
  readonly headless?: Cascaded<boolean>;
  /** The dates, by front matter key (lower case), each from the nearest entry that gives that key. */
  readonly dates?: ReadonlyMap<string, Cascaded<CascadedDate>>;
  /** The terms, by taxonomy, each from the nearest entry that gives that taxonomy. */
  readonly terms?: ReadonlyMap<string, Cascaded<readonly string[]>>;
  /** Its `markup` (see `CascadeEntry.markup`). */
  readonly markup?: Cascaded<NonNullable<CascadeEntry['markup']>>;
}

/** The build environment cascade targets see: feedpub publishes what `hugo` builds. */
const ENVIRONMENT = 'production';

/**
 * Whether an entry's target takes in a page: each of its globs matches (in any case) the page's path, kind,
 * language key and the environment (`production`); an entry without a target takes in every page.
 *
 * @example cascadeApplies({ path: '/posts/old/**' }, { kind: 'page', path: '/posts/old/x', lang: 'en' }) // true
 * @example cascadeApplies({ path: '/posts/old/**' }, { kind: 'section', path: '/posts/old', lang: 'en' }) // false
 */
export function cascadeApplies(target: CascadeTarget | undefined, node: CascadeNode): boolean {
  return target === undefined || targetMatcher(target)(node);
}

/** Each target's matcher, compiled once however many targets a site has (they are asked for every page). */
const matchers = new WeakMap<CascadeTarget, (node: CascadeNode) => boolean>();

/**
 * The target's globs compiled, as one test of a page: the same function for the same target object, so a
 * run compiles each entry's target once. A glob that does not compile matches nothing.
 */
export function targetMatcher(target: CascadeTarget): (node: CascadeNode) => boolean {
  const known = matchers.get(target);
  if (known !== undefined) return known;
  const glob = (pattern: string | undefined): ((value: string) => boolean) => {
    if (pattern === undefined) return () => true;
    return hugoGlob(pattern) ?? (() => false);
  };
  const [kind, lang, environment, path] = [glob(target.kind), glob(target.lang), glob(target.environment), glob(target.path)];
  const matcher = (node: CascadeNode): boolean => kind(node.kind) && lang(node.lang) && environment(ENVIRONMENT) && path(node.path);
  matchers.set(target, matcher);
  return matcher;
}

/**
 * The values a page takes from `sources`, nearest first: each key from the first entry that targets the page
 * and gives it (a nearer list page's over a farther one's, the site config's last), as Hugo merges them.
 *
 * @example resolveCascade([{ origin: 'content/posts/_index.md', entries: [{ draft: true }] }], node).draft // { value: true, origin: 'content/posts/_index.md' }
 */
export function resolveCascade(sources: Iterable<CascadeSource>, node: CascadeNode): CascadedValues {
  const out: { -readonly [K in keyof CascadedValues]: CascadedValues[K] } = {};
  let dates: Map<string, Cascaded<CascadedDate>> | undefined;
  let terms: Map<string, Cascaded<readonly string[]>> | undefined;
  for (const { origin, entries } of sources) {
    for (const entry of entries) {
      if (!cascadeApplies(entry.target, node)) continue;
      if (entry.draft !== undefined) out.draft ??= { value: entry.draft, origin };
      if (entry.publishDate !== undefined) out.publishDate ??= { value: entry.publishDate, origin };
      if (entry.date !== undefined) out.date ??= { value: entry.date, origin };
      if (entry.expiryDate !== undefined) out.expiryDate ??= { value: entry.expiryDate, origin };
      if (entry.build !== undefined) out.build ??= { value: entry.build, origin };
      if (entry.headless !== undefined) out.headless ??= { value: entry.headless, origin };
      if (entry.markup !== undefined) out.markup ??= { value: entry.markup, origin };
      if (entry.dates !== undefined) {
        dates ??= new Map();
        for (const [key, value] of Object.entries(entry.dates)) if (!dates.has(key)) dates.set(key, { value, origin });
      }
      if (entry.terms !== undefined) {
        terms ??= new Map();
        for (const [taxonomy, value] of Object.entries(entry.terms)) if (!terms.has(taxonomy)) terms.set(taxonomy, { value, origin });
      }
    }
  }
  if (dates !== undefined) out.dates = dates;
  if (terms !== undefined) out.terms = terms;
  return out;
}

/**
 * A page's path as Hugo 0.123 and later give it (`.Path`), which cascade targets match: its path in its
 * content folder with a leading `/`, lower-cased, spaces as `-`, without its extension and a suffix that names
 * one of the site's languages, a bundle (`index.md`, `_index.md`) by its folder.
 *
 * @example hugoPath(site, 'posts/Old Posts/x.fr.md') // '/posts/old-posts/x'
 * @example hugoPath(site, 'posts/b/index.md') // '/posts/b'
 * @example hugoPath(site, '_index.md') // '/'
 */
export function hugoPath(site: SiteConfig, relPath: string): string {
  const parts = lowerAsGo(relPath).replace(/ /g, '-').split('/');
  let name = (parts.pop() ?? '').replace(/\.[^.]*$/, '');
  const dot = name.lastIndexOf('.');
  if (dot > 0 && site.languages.some((l) => l.key === name.slice(dot + 1))) name = name.slice(0, dot);
  if (name !== 'index' && name !== '_index') parts.push(name);
  return `/${parts.join('/')}`;
}
