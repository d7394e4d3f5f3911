import type { Problem } from '../model.js';

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
  // The usual case, every key its own in its language, in one Set pass.
  const seen = new Set<string>();
  let shared = false;
  for (const { lang, translationKey } of entries) {
    const id = `${lang}\0${translationKey}`;
    if (seen.has(id)) {
      shared = true;
      break;
    }
    seen.add(id);
  }
  if (!shared) return [];
  const groups = new Map<string, { readonly translationKey: string; readonly keys: string[] }>();
  for (const { key, lang, translationKey } of entries) {
    const id = `${lang}\0${translationKey}`;
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { translationKey, keys: [key] });
    else group.keys.push(key);
  }
  const problems: Problem[] = [];
  for (const [, { translationKey, keys }] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (keys.length < 2) continue;
    const [owner, ...others] = [...keys].sort();
    for (const key of others) {
      problems.push({
        file: key,
        severity: 'warning',
        rule: 'translation-key-shared',
        message: `has the translationKey ${JSON.stringify(translationKey)} of ${owner}, in the same language: the other languages' pages of that key are linked as translations of both; give each set of translations its own translationKey`,
      });
    }
  }
  return problems;
}
