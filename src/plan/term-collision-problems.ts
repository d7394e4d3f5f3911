import type { Problem, SiteConfig } from '../model.js';
import { type PlanEntry, type Sections, sectionKey, termCollisions } from './plan-feeds.js';
import { languagePrefix } from './urls.js';
import { kindDisabled } from '../config/language-settings.js';

/**
 * Warnings for term names that share a slug within one language (`Go` and `go`, `C#` and `C♯`):
 * the planner merges them into one feed, which is rarely what the author meant. One problem per
 * collision, on the first article (by key) that uses a less common spelling, naming every spelling
 * with its article count and the feed folder they share. Computed here from `termCollisions`
 * over every accepted article of a run. None in a language or taxonomy without term feeds (`disableKinds`,
 * `Sections.hiddenTaxonomies`).
 *
 * @example
 * termCollisionProblems(site, entries);
 * // [{ file: 'content/en/b.md', severity: 'warning', rule: 'term-collision',
 * //    message: 'tags "Go" (2 articles) and "go" (1 article) share the slug "go": merged into one feed, tags/go/; use one spelling' }]
 */
export function termCollisionProblems(
  site: SiteConfig,
  entries: readonly Pick<PlanEntry, 'key' | 'lang' | 'terms'>[],
  sections: Pick<Sections, 'hiddenTaxonomies'> = {},
): Problem[] {
  // Names that share a slug in one language share it across all of them: with no collision over the
  // whole site (the usual case) there is none to report, after one pass instead of one per language.
  if (termCollisions(site, entries).length === 0) return [];
  const problems: Problem[] = [];
  // A run passes its entries in key order already: one pass confirms it instead of sorting 30k again.
  const inOrder = entries.every((e, i) => i === 0 || (entries[i - 1] as Pick<PlanEntry, 'key'>).key < e.key);
  const sorted = inOrder ? entries : [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const language of site.languages) {
    // No term feed in a language whose term pages Hugo makes none of (`disableKinds`): nothing merged.
    if (kindDisabled(site, language, 'term')) continue;
    const inLanguage = sorted.filter((e) => e.lang === language.key);
    for (const { taxonomy, slug, names } of termCollisions(site, inLanguage)) {
      // Nor in a taxonomy whose own list page keeps Hugo from making its term pages now.
      if (sections.hiddenTaxonomies?.has(sectionKey(language.key, taxonomy))) continue;
      const users = new Map(names.map((name) => [name, inLanguage.filter((e) => (e.terms[taxonomy] ?? []).includes(name))]));
      const byUse = [...names].sort((a, b) => (users.get(b)?.length ?? 0) - (users.get(a)?.length ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
      const minority = new Set(byUse.slice(1));
      const culprit = inLanguage.find((e) => (e.terms[taxonomy] ?? []).some((n) => minority.has(n)));
      const spellings = byUse.map((name) => {
        const count = users.get(name)?.length ?? 0;
        return `"${name}" (${count} article${count === 1 ? '' : 's'})`;
      });
      const list = spellings.length === 2 ? spellings.join(' and ') : `${spellings.slice(0, -1).join(', ')} and ${spellings.at(-1)}`;
      problems.push({
        file: culprit?.key ?? '(site)',
        severity: 'warning',
        rule: 'term-collision',
        message: `${taxonomy} ${list} share the slug "${slug}": merged into one feed, ${languagePrefix(site, language.key)}${taxonomy}/${slug}/; use one spelling`,
      });
    }
  }
  return problems;
}
