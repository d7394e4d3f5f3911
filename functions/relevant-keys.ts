import { isConfigKey, isMarkdownKey } from '../src/index.js';

/**
 * The keys of an event that can change the feeds: Markdown files under the content prefix, and the
 * site config files (`hugo|config|feedpub` `.toml|.yaml|.yml|.json` at the root, and those Hugo reads in
 * `config/_default/` and `config/production/`, in folders below too: `isConfigKey`).
 *
 * @example
 * relevantKeys(['content/a.md', 'content/a.png', 'hugo.toml'], 'content/'); // ['content/a.md', 'hugo.toml']
 */
export function relevantKeys(keys: readonly string[], contentPrefix: string): string[] {
  return keys.filter((key) => (key.startsWith(contentPrefix) && isMarkdownKey(key)) || isConfigKey(key));
}
