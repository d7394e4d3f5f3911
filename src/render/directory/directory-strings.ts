/**
 * The user-interface words of the feed directory and the OPML files, per language: English,
 * Simplified Chinese and Traditional Chinese; every other language falls back to English.
 */

/** The words of one UI language. */
export interface DirectoryStrings {
  /** BCP 47 tag of the UI language itself (`en`, `zh-Hans`, `zh-Hant`). */
  readonly locale: 'en' | 'zh-Hans' | 'zh-Hant';
  /** Page heading and title word. */
  readonly feeds: string;
  readonly intro: string;
  /** Heading of the all-languages feed, and label of the full directory page. */
  readonly allLanguages: string;
  /** Heading of the site's feeds on a one-language site. */
  readonly wholeSite: string;
  /** Table column headings. */
  readonly feed: string;
  readonly items: string;
  readonly latest: string;
  readonly subscribe: string;
  /** Shown as the latest date of an empty feed. */
  readonly none: string;
  /** Sentence before the OPML links. */
  readonly opmlIntro: string;
  /** Label of the OPML file with every feed. */
  readonly allFeeds: string;
  /** Label of the navigation between directory pages. */
  readonly otherPages: string;
  /** Heading of the page's table of contents (links to its language and taxonomy headings). */
  readonly contents: string;
  /** Headings of well-known taxonomies (by plural). */
  readonly taxonomies: Readonly<Record<string, string>>;
}

const EN: DirectoryStrings = {
  locale: 'en',
  feeds: 'Feeds',
  intro: 'Follow this site in any feed reader: open a link below with your reader, or copy it into the reader’s “add feed” box.',
  allLanguages: 'All languages',
  wholeSite: 'Whole site',
  feed: 'Feed',
  items: 'Items',
  latest: 'Latest',
  subscribe: 'Subscribe',
  none: '—',
  opmlIntro: 'Import several feeds at once (OPML):',
  allFeeds: 'All feeds',
  otherPages: 'Directory pages',
  contents: 'On this page',
  taxonomies: { categories: 'Categories', tags: 'Tags', series: 'Series', authors: 'Authors' },
};

const ZH_HANS: DirectoryStrings = {
  locale: 'zh-Hans',
  feeds: '订阅源',
  intro: '用任意 RSS 阅读器关注本站：用阅读器打开下方链接，或将链接复制到阅读器的“添加订阅”框中。',
  allLanguages: '全部语言',
  wholeSite: '全站',
  feed: '订阅源',
  items: '条目',
  latest: '最近更新',
  subscribe: '订阅',
  none: '—',
  opmlIntro: '一次导入多个订阅源（OPML）：',
  allFeeds: '全部订阅源',
  otherPages: '订阅源目录',
  contents: '本页目录',
  taxonomies: { categories: '分类', tags: '标签', series: '系列', authors: '作者' },
};

const ZH_HANT: DirectoryStrings = {
  locale: 'zh-Hant',
  feeds: '訂閱源',
  intro: '用任何 RSS 閱讀器關注本站：用閱讀器開啟下方連結，或將連結複製到閱讀器的「新增訂閱」欄中。',
  allLanguages: '所有語言',
  wholeSite: '全站',
  feed: '訂閱源',
  items: '項目',
  latest: '最近更新',
  subscribe: '訂閱',
  none: '—',
  opmlIntro: '一次匯入多個訂閱源（OPML）：',
  allFeeds: '所有訂閱源',
  otherPages: '訂閱源目錄',
  contents: '本頁目錄',
  taxonomies: { categories: '分類', tags: '標籤', series: '系列', authors: '作者' },
};

const HANT_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The UI words for a BCP 47 language code (or Hugo language key): `zh-TW`, `zh-HK`, `zh-MO` and
 * `zh-Hant*` get Traditional Chinese, every other `zh*` Simplified Chinese, anything else English.
 *
 * @example
 * directoryStrings('zh-HK').subscribe; // '訂閱'
 * directoryStrings('fr').subscribe;    // 'Subscribe'
 */
export function directoryStrings(languageCode: string | undefined): DirectoryStrings {
  const parts = (languageCode ?? '').toLowerCase().split(/[-_]/);
  if (parts[0] !== 'zh') return EN;
  if (parts.includes('hant')) return ZH_HANT;
  if (parts.includes('hans')) return ZH_HANS;
  return parts.some((p) => HANT_REGIONS.has(p)) ? ZH_HANT : ZH_HANS;
}

/**
 * The heading of a taxonomy's feeds: the translated word for well-known taxonomies, else the
 * plural as configured with its first letter upper-cased.
 *
 * @example
 * taxonomyLabel(directoryStrings('zh-CN'), 'tags'); // '标签'
 * taxonomyLabel(directoryStrings('en'), 'places');  // 'Places'
 */
export function taxonomyLabel(strings: DirectoryStrings, plural: string): string {
  const known = Object.hasOwn(strings.taxonomies, plural) ? strings.taxonomies[plural] : undefined;
  return known ?? plural.charAt(0).toUpperCase() + plural.slice(1);
}
