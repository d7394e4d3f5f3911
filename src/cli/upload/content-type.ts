/** Types of the files `upload` sends: Markdown and config (`local-site-files.ts` lists no others). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  md: 'text/markdown; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  mdown: 'text/markdown; charset=utf-8',
  toml: 'application/toml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/**
 * The Content-Type to store a site file with: Markdown as `text/markdown; charset=utf-8`, config as
 * `application/toml` / `application/yaml` / `application/json`, anything else (never sent today)
 * `application/octet-stream`.
 *
 * @example contentTypeFor('content/en/a.md'); // 'text/markdown; charset=utf-8'
 */
export function contentTypeFor(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
