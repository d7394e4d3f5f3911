/**
 * The Hugo site configuration of the benchmark corpus: three languages with their own content folders,
 * categories and tags, as on the site behind the reference article.
 */

/** @typedef {'en' | 'zh-CN' | 'zh-HK'} Lang */

/**
 * @type {Readonly<{ baseURL: string, title: string, timeZone: string, defaultContentLanguage: Lang,
 *   languages: ReadonlyArray<{ key: Lang, name: string, title: string, weight: number }> }>}
 */
export const SITE = {
  baseURL: 'https://news.example.com/',
  title: 'Example News',
  timeZone: 'Asia/Shanghai',
  defaultContentLanguage: 'en',
  languages: [
    { key: 'en', name: 'English', title: 'Example News', weight: 1 },
    { key: 'zh-CN', name: '简体中文', title: '示例新闻', weight: 2 },
    { key: 'zh-HK', name: '繁體中文（香港）', title: '示例新聞', weight: 3 },
  ],
};

/**
 * The site's `hugo.toml`. `extra.keys` (top-level keys) and `extra.tables` are added verbatim: the Hugo
 * working copy adds its output formats that way.
 *
 * @param {{ keys?: string, tables?: string }} [extra]
 * @returns {string}
 * @example
 * writeFileSync('hugo.toml', siteConfigToml());
 */
export function siteConfigToml({ keys = '', tables = '' } = {}) {
  const lines = [
    `baseURL = ${JSON.stringify(SITE.baseURL)}`,
    `title = ${JSON.stringify(SITE.title)}`,
    `defaultContentLanguage = ${JSON.stringify(SITE.defaultContentLanguage)}`,
    `timeZone = ${JSON.stringify(SITE.timeZone)}`,
    ...(keys === '' ? [] : [keys.trimEnd()]),
    '',
    '[taxonomies]',
    '  category = "categories"',
    '  tag = "tags"',
    '',
    '[languages]',
  ];
  for (const language of SITE.languages) {
    lines.push(
      `  [languages.${language.key}]`,
      `    contentDir = "content/${language.key}"`,
      `    languageCode = ${JSON.stringify(language.key)}`,
      `    languageName = ${JSON.stringify(language.name)}`,
      `    title = ${JSON.stringify(language.title)}`,
      `    weight = ${language.weight}`,
    );
  }
  return `${lines.join('\n')}\n${tables === '' ? '' : `\n${tables.trimEnd()}\n`}`;
}
