/**
 * Hugo's content mounts (`[[module.mounts]]` whose target is `content`, documented since Hugo 0.96 with
 * `lang`): where a site defines one, Hugo reads the site's content from its mounts alone, and `contentDir`
 * (the site's and every language's) is not read. feedpub reads the common form, a folder of the site
 * mounted at `content` for a language (or, without `lang`, for the default one), as that language's
 * content folder; every other form of a content mount is a config error naming it, so that no site is
 * published from folders Hugo does not read.
 */
import { ConfigError } from '../errors.js';
import type { LanguageConfig } from '../model.js';
import { isRecord } from '../util/record.js';
import { asTable, type FileOf, lowerKeys } from './tables.js';

/** A folder of the site mounted at `content`, and for which language (none: the default one). */
export interface ContentMount {
  /** The mount as messages name it: `module.mounts[1]`. */
  readonly setting: string;
  /** The folder, relative to the site, posix, without a trailing slash ('' for the site's root). */
  readonly source: string;
  /** The language key, as written (Hugo 0.111 reads no page of a mount whose lang is not a key as it reads them, in lower case). */
  readonly lang?: string;
}

/**
 * The settings of a mount Hugo reads that feedpub does not, by their lower-cased names, as written, and why.
 * `files` (Hugo 0.153) and `excludeFiles`/`includeFiles` (before) filter the mounted files; `sites` is Hugo
 * 0.153's sites matrix, which `lang` stood for before.
 */
const UNSUPPORTED: readonly (readonly [string, string, string])[] = [
  [
    'files',
    'files',
    "Hugo 0.153's filter of the mounted files is not read by feedpub, which would publish the files it leaves out; mount a folder that holds only the pages to publish",
  ],
  [
    'excludefiles',
    'excludeFiles',
    'a filter of the mounted files is not read by feedpub, which would publish the files it leaves out; mount a folder that holds only the pages to publish',
  ],
  [
    'includefiles',
    'includeFiles',
    'a filter of the mounted files is not read by feedpub, which would publish the files it leaves out; mount a folder that holds only the pages to publish',
  ],
  ['sites', 'sites', "Hugo 0.153's sites matrix is not read by feedpub; give the mount its language with lang"],
];

/**
 * The site's content mounts, in the order written; undefined when it mounts nothing at `content` (its
 * content is then where `contentDir` says, as in Hugo). Throws a ConfigError naming the mount
 * (`module.mounts[i]`) for one feedpub would publish wrongly: a folder outside the site (a theme's or a
 * module's), a target below `content/`, a filter of its files, a sites matrix; and for a content mount of
 * an imported module (`module.imports[i].mounts[j]`).
 *
 * @example contentMountsOf({ module: { mounts: [{ source: 'content/de', target: 'content', lang: 'de' }] } }, fileOf)
 * // [{ setting: 'module.mounts[0]', source: 'content/de', lang: 'de' }]
 */
export function contentMountsOf(top: Record<string, unknown>, fileOf: FileOf): ContentMount[] | undefined {
  if (top.module === undefined || top.module === null) return undefined;
  const module = lowerKeys(asTable(top.module, 'module', fileOf));
  const at = fileOf('module.mounts');
  if (Array.isArray(module.imports)) {
    module.imports.forEach((entry, i) => {
      const mounts = isRecord(entry) ? lowerKeys(entry).mounts : undefined;
      if (!Array.isArray(mounts)) return;
      mounts.forEach((mount, j) => {
        if (!isRecord(mount) || !isContentTarget(lowerKeys(mount).target)) return;
        throw new ConfigError(
          `module.imports[${i}].mounts[${j}]`,
          "content mounted from an imported module or theme is not read by feedpub, which reads the site's own folders only; copy its pages into the site",
          fileOf('module.imports'),
        );
      });
    });
  }
  if (module.mounts === undefined || module.mounts === null) return undefined;
  if (!Array.isArray(module.mounts)) throw new ConfigError('module.mounts', 'must be a list of mounts ([[module.mounts]] tables)', at);
  const mounts: ContentMount[] = [];
  module.mounts.forEach((entry, i) => {
    const setting = `module.mounts[${i}]`;
    if (!isRecord(entry)) throw new ConfigError(setting, 'must be a table with source and target', at);
    const mount = lowerKeys(entry);
    if (typeof mount.target !== 'string' || mount.target.trim() === '') throw new ConfigError(setting, 'target: must be a folder such as "content"', at);
    // Assets, layouts, static files, data, translations: nothing a feed is made of.
    if (!isContentTarget(mount.target)) return;
    const target = cleanPath(mount.target);
    if (target !== 'content') {
      throw new ConfigError(
        setting,
        `target "${mount.target}": a mount below content/ is not supported by feedpub (its pages would be published at the wrong paths); mount the folder at content, or move its files into ${target}/`,
        at,
      );
    }
    for (const [key, written, why] of UNSUPPORTED) {
      if (mount[key] !== undefined && mount[key] !== null) throw new ConfigError(setting, `${written}: ${why}`, at);
    }
    if (typeof mount.source !== 'string' || mount.source.trim() === '')
      throw new ConfigError(setting, 'source: must be a folder of the site such as "content/en"', at);
    const source = cleanPath(mount.source);
    if (/^[A-Za-z]:/.test(source) || source.split('/').some((s) => s === '..' || s === '')) {
      throw new ConfigError(
        setting,
        `source "${mount.source}" is outside the site folder: feedpub reads the site's own folders only (not a theme's, a module's or another folder's); move the pages into the site`,
        at,
      );
    }
    // An empty lang is none, as in Hugo; a blank one names no language.
    if (mount.lang !== undefined && mount.lang !== null && (typeof mount.lang !== 'string' || (mount.lang !== '' && mount.lang.trim() === ''))) {
      throw new ConfigError(setting, 'lang: must be the key of a language of the site', at);
    }
    // As written: Hugo matches it with the language keys exactly (see withContentMounts).
    const lang = typeof mount.lang === 'string' && mount.lang !== '' ? mount.lang : undefined;
    mounts.push({ setting, source: source === '.' ? '' : source, ...(lang !== undefined ? { lang } : {}) });
  });
  return mounts.length > 0 ? mounts : undefined;
}

/**
 * The languages with their content folders from the site's content mounts, as Hugo reads them: a mount's
 * folder is its `lang`'s (the default language's without one), and a language without a mount of its own
 * shares the default language's folder (its pages are the files named for it there, `a.de.md`, as where
 * languages share `content/`). A mount of a disabled language is not read. Throws a ConfigError naming the
 * mount for a `lang` the site does not configure, a second mount of one language or of one folder (feedpub
 * reads one content folder a language), and for a site whose default language has no mount.
 *
 * @example withContentMounts(languages, mounts, { defaultLang: 'en', disabled: [], fileOf })[1]
 * // { key: 'de', contentDir: 'content/de', contentDirSetting: 'module.mounts[1]', … }
 */
export function withContentMounts(
  languages: readonly LanguageConfig[],
  mounts: readonly ContentMount[],
  ctx: { readonly defaultLang: string; readonly disabled: readonly string[]; readonly fileOf: FileOf },
): LanguageConfig[] {
  const at = ctx.fileOf('module.mounts');
  const byLang = new Map<string, ContentMount>();
  const bySource = new Map<string, ContentMount>();
  for (const mount of mounts) {
    const lang = mount.lang ?? ctx.defaultLang;
    if (!languages.some((l) => l.key === lang)) {
      // Hugo 0.111 compares a mount's lang with the language keys as it reads them (in lower case), exactly:
      // `DE`, ` de` or `pt-BR` (for [languages.pt-BR]) is no language, and none of the mount's pages is published.
      const key = lang.trim().toLowerCase();
      if (ctx.disabled.includes(key)) continue;
      if (languages.some((l) => l.key === key)) {
        throw new ConfigError(
          mount.setting,
          `lang "${lang}" is not the key of a language as Hugo reads it ("${key}", in lower case): Hugo reads no page of this mount; write lang = "${key}"`,
          at,
        );
      }
      throw new ConfigError(mount.setting, `lang "${lang}" is not one of the languages (${languages.map((l) => l.writtenKey ?? l.key).join(', ')})`, at);
    }
    const same = byLang.get(lang);
    if (same !== undefined) {
      throw new ConfigError(
        mount.setting,
        `a second content mount of language "${lang}" (${same.setting} mounts "${same.source || '.'}"): feedpub reads one content folder a language; mount one folder that holds all of its pages`,
        at,
      );
    }
    const shared = bySource.get(mount.source);
    if (shared !== undefined) {
      throw new ConfigError(
        mount.setting,
        `"${mount.source || '.'}" is mounted by ${shared.setting} too, for language "${shared.lang ?? ctx.defaultLang}": feedpub reads a content folder for one language; name the others' pages by their suffix (a.${lang}.md) in one mount`,
        at,
      );
    }
    byLang.set(lang, mount);
    bySource.set(mount.source, mount);
  }
  const home = byLang.get(ctx.defaultLang);
  if (home === undefined) {
    throw new ConfigError(
      'module.mounts',
      `no content mount of the default language "${ctx.defaultLang}" (a mount without lang is its): feedpub needs its content folder`,
      at,
    );
  }
  return languages.map((l) => {
    const mount = byLang.get(l.key) ?? home;
    return { ...l, contentDir: mount.source, contentDirSetting: mount.setting };
  });
}

/** Whether a mount's target is Hugo's content component or a folder in it (`content`, `content/blog`). */
function isContentTarget(target: unknown): boolean {
  if (typeof target !== 'string') return false;
  const path = cleanPath(target);
  return path === 'content' || path.startsWith('content/');
}

/** A path as Go's `filepath.Clean` leaves it, posix: `./content/en/` → `content/en`, `content//en` → `content/en`. */
function cleanPath(path: string): string {
  const out: string[] = [];
  const absolute = path.trim().replace(/\\/g, '/').startsWith('/');
  for (const segment of path.trim().replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}
