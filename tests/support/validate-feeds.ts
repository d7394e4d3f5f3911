import { expect } from 'vitest';
import { parseBack, parseBackJson } from './parse-back.js';
import { checkAtomRules, validateAtomSchema } from './validate-atom.js';
import { validateJsonFeed } from './validate-json-feed.js';
import { checkRssRules } from './validate-rss.js';
import { assertWellFormed, errorsOf, formatMessages } from './validate-xml.js';

/** Published files by site-relative path. */
export type Published = ReadonlyMap<string, string>;

/**
 * The one warning the W3C service gives on feedpub's output that feedpub chooses to keep: `controls` on
 * `<video>` and `<audio>`. The validator accepts `autoplay`, `muted`, `poster` and `preload` there but not
 * `controls` (its list predates it; `SecurityRiskAttr`), while a reader that shows the HTML as it is gives
 * media without it no way to play.
 */
export const KEPT_W3C_WARNING = /^(content:encoded|content|description|summary): <(video|audio) controls> /;

/**
 * Checks every feed among `files` the strictest way the tests know: well-formed XML with only used
 * namespaces, the W3C Feed Validation Service's RSS/Atom rules, RFC 4287's RELAX NG schema via jing
 * (one JVM for all Atom files), the JSON Feed 1.1 rules, and parity: RSS, Atom and JSON of one feed
 * parse back to the same items in the same order with the same ids. `baseURL` gives self URLs.
 * `allowedWarnings` are warnings to let pass (besides {@link KEPT_W3C_WARNING}): by rule (`ContainsHTML`), or by rule at one path only,
 * positions left out (`NotBlank@/feed/entry/title`: the empty title of an untitled entry, any entry's,
 * and no other blank element). `rssFile` is the RSS file's name in a feed folder (`feed.xml` on a site
 * that renamed Hugo's RSS output format).
 */
export function expectValidFeeds(files: Published, baseURL: string, allowedWarnings: readonly string[] = [], rssFile = 'index.xml'): void {
  const atoms: string[] = [];
  const problems: string[] = [];
  const dirs = new Set<string>();
  for (const [path, body] of files) {
    const self = baseURL + encodeURI(path).replace(/#/g, '%23');
    const record = (messages: ReturnType<typeof checkRssRules>): void => {
      const allowed = (m: (typeof messages)[number]): boolean =>
        allowedWarnings.includes(m.rule) ||
        allowedWarnings.includes(`${m.rule}@${m.path.replace(/\[\d+\]/g, '')}`) ||
        (m.rule === 'SecurityRiskAttr' && KEPT_W3C_WARNING.test(m.message));
      const relevant = messages.filter((m) => m.severity === 'error' || !allowed(m));
      if (relevant.length > 0) problems.push(`${path}:\n${formatMessages(relevant)}`);
    };
    if (path === rssFile || path.endsWith(`/${rssFile}`)) {
      dirs.add(path.slice(0, -rssFile.length));
      assertWellFormed(body, path);
      record(checkRssRules(body, { selfUrl: self }));
    } else if (path.endsWith('atom.xml')) {
      assertWellFormed(body, path);
      record(checkAtomRules(body, { selfUrl: self }));
      atoms.push(body);
    } else if (path.endsWith('feed.json')) {
      record(validateJsonFeed(body));
    }
  }
  const schema = atoms.length > 0 ? validateAtomSchema(atoms) : [];
  expect(schema, JSON.stringify(schema.slice(0, 5), null, 2)).toEqual([]);
  expect(problems.join('\n\n')).toBe('');
  for (const dir of dirs) {
    const rss = files.get(`${dir}${rssFile}`);
    const atom = files.get(`${dir}atom.xml`);
    const json = files.get(`${dir}feed.json`);
    if (!rss || !atom || !json) continue;
    const fromRss = parseBack(rss).items.map((i) => [i.id, i.url, i.published]);
    expect(
      parseBack(atom).items.map((i) => [i.id, i.url, i.published]),
      `${dir} Atom vs RSS`,
    ).toEqual(fromRss);
    expect(
      parseBackJson(json).items.map((i) => [i.id, i.url, i.published]),
      `${dir} JSON vs RSS`,
    ).toEqual(fromRss);
  }
}

/** Only errors (not warnings) of a checker, for focused assertions. */
export { errorsOf };
