import type { Problem } from '../model.js';
import { sharedKeys } from './shared-keys.js';

/**
 * Warnings for published articles of one language that share a translation key, most often a front matter
 * `translationKey` copied with the rest of an article: the other languages' pages of that key are linked
 * as the translations of each (Atom `hreflang` alternates), though they translate at most one of them.
 * One problem per article of a language and key but the first by file key.
 *
 * @example
 * translationKeyProblems([
 *   { key: 'content/en/a.md', lang: 'en', translationKey: 'launch' },
 *   { key: 'content/en/b.md', lang: 'en', translationKey: 'launch' },
 * ]);
 * // [{ file: 'content/en/b.md', severity: 'warning', rule: 'translation-key-shared', message: 'has the translationKey "launch" of content/en/a.md …' }]
 */
export function translationKeyProblems(entries: readonly { readonly key: string; readonly lang: string; readonly translationKey: string }[]): Problem[] {
  return sharedKeys(entries.map(({ key, lang, translationKey }) => ({ key, value: `${lang}\0${translationKey}` }))).flatMap(({ value, owner, others }) => {
    const translationKey = value.slice(value.indexOf('\0') + 1);
    return others.map(
      (key): Problem => ({
        file: key,
        severity: 'warning',
        rule: 'translation-key-shared',
        message: `has the translationKey ${JSON.stringify(translationKey)} of ${owner}, in the same language: the other languages' pages of that key are linked as translations of both; give each set of translations its own translationKey`,
      }),
    );
  });
}
