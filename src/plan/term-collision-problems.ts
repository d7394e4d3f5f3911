import type { Problem, SiteConfig } from '../model.js';
import { type PlanEntry, type Sections, sectionKey, termCollisions } from './plan-feeds.js';
import { languagePrefix } from './urls.js';
import { kindDisabled } from '../config/language-settings.js';
import { getOrInsert } from '../get-or-insert.js';

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
    const collisions = termCollisions(site, inLanguage);
    const uses = usesOf(inLanguage, collisions);
    for (const { taxonomy, slug, names } of collisions) {
      // Nor in a taxonomy whose own list page keeps Hugo from making its term pages now.
      if (sections.hiddenTaxonomies?.has(sectionKey(language.key, taxonomy))) continue;
      const users = uses.get(taxonomy) ?? new Map<string, Uses>();
      const byUse = [...names].sort((a, b) => (users.get(b)?.count ?? 0) - (users.get(a)?.count ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
      // The first article (by key) that uses a less common spelling: the earliest first user among them.
      const first = byUse.slice(1).reduce((min, name) => Math.min(min, users.get(name)?.first ?? min), Number.POSITIVE_INFINITY);
      const culprit = inLanguage[first];
      const spellings = byUse.slice(0, MAX_NAMED_SPELLINGS).map((name) => {
        const count = users.get(name)?.count ?? 0;
        return `"${name}" (${count} article${count === 1 ? '' : 's'})`;
      });
      const others = byUse.length - spellings.length;
      if (others > 0) spellings.push(`${others} more spelling${others === 1 ? '' : 's'}`);
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

/**
 * Spellings one warning names, the most used first; the rest are counted. A log line per warning must stay
 * readable (and under CloudWatch Logs' 256 KB an event): 32,000 case variants of one tag made a 1 MB one.
 */
export const MAX_NAMED_SPELLINGS = 20;

/** How many articles use a name, and the index of the first of them (in the order given). */
interface Uses {
  count: number;
  first: number;
}

/**
 * For each taxonomy, the {@link Uses} of every name in one of its collisions, in one pass over the entries
 * (asking every entry once for each spelling took the entries times the spellings: 32,000 case variants
 * of one word took 20 s). An entry that lists a name twice uses it once.
 */
function usesOf(
  entries: readonly Pick<PlanEntry, 'terms'>[],
  collisions: readonly { taxonomy: string; names: readonly string[] }[],
): Map<string, Map<string, Uses>> {
  const uses = new Map<string, Map<string, Uses>>();
  for (const { taxonomy, names } of collisions) {
    const users = getOrInsert(uses, taxonomy, () => new Map<string, Uses>());
    for (const name of names) users.set(name, { count: 0, first: Number.POSITIVE_INFINITY });
  }
  entries.forEach((e, i) => {
    for (const [taxonomy, list] of Object.entries(e.terms)) {
      const users = uses.get(taxonomy);
      if (users === undefined) continue;
      for (const name of new Set(list)) {
        const use = users.get(name);
        if (use === undefined) continue;
        use.count++;
        use.first = Math.min(use.first, i);
      }
    }
  });
  return uses;
}
