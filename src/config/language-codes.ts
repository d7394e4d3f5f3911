/**
 * Which BCP 47 tags name a language, checked by a fixed rule so that every Node (its ICU data) gives the
 * same answer: a feed validator (the W3C's: InvalidLanguage, an error) rejects a tag whose primary subtag
 * names no language, such as a Hugo language key taken for a code (`cn`, `jp`, `english`).
 */

/**
 * The two-letter language subtags of the IANA registry: ISO 639-1's codes, `sh` (Serbo-Croatian) included,
 * 185, grouped by first letter (the withdrawn ones are in {@link DEPRECATED}).
 */
const TWO_LETTER = new Set(
  [
    'aa ab ae af ak am an ar as av ay az',
    'ba be bg bh bi bm bn bo br bs',
    'ca ce ch co cr cs cu cv cy',
    'da de dv dz',
    'ee el en eo es et eu',
    'fa ff fi fj fo fr fy',
    'ga gd gl gn gu gv',
    'ha he hi ho hr ht hu hy hz',
    'ia id ie ig ii ik io is it iu',
    'ja jv',
    'ka kg ki kj kk kl km kn ko kr ks ku kv kw ky',
    'la lb lg li ln lo lt lu lv',
    'mg mh mi mk ml mn mr ms mt my',
    'na nb nd ne ng nl nn no nr nv ny',
    'oc oj om or os',
    'pa pi pl ps pt',
    'qu',
    'rm rn ro ru rw',
    'sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw',
    'ta te tg th ti tk tl tn to tr ts tt tw ty',
    'ug uk ur uz',
    've vi vo',
    'wa wo',
    'xh',
    'yi yo',
    'za zh zu',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Two-letter codes ISO 639-1 withdrew, by the code that replaced each (IANA: Preferred-Value). Java's
 * locales still write the first three (`iw_IL`), and so do the Hugo sites made from them.
 */
const DEPRECATED: Readonly<Record<string, string>> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro' };

/**
 * The language tag `tag` (BCP 47 syntax, `-` separated) as feeds should write it, or undefined when its
 * primary subtag names no language: two letters of ISO 639-1 (a withdrawn one replaced: `iw-IL` →
 * `he-IL`), three letters (ISO 639-2 and 639-3 codes have that form; not looked up), or `x` (private use,
 * `x-klingon`). Four to eight letters, one letter but `x`, and two that ISO 639-1 lacks are no language.
 *
 * @example languageOf('zh-Hant-TW') // 'zh-Hant-TW'
 * @example languageOf('iw') // 'he'
 * @example languageOf('cn') // undefined
 * @example languageOf('english') // undefined
 */
export function languageOf(tag: string): string | undefined {
  const dash = tag.indexOf('-');
  const primary = (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
  const rest = dash < 0 ? '' : tag.slice(dash);
  if (!/^[a-z]+$/.test(primary)) return undefined;
  if (primary.length === 3 || (primary === 'x' && rest !== '')) return tag;
  if (primary.length !== 2) return undefined;
  const replaced = DEPRECATED[primary];
  if (replaced !== undefined) return replaced + rest;
  return TWO_LETTER.has(primary) ? tag : undefined;
}

/**
 * What a language key or code that names no language is likely meant to say: the codes of the languages
 * whose country's code sites write instead (`cn` for Chinese, `jp` for Japanese), for the warning.
 */
export const MEANT_LANGUAGE: Readonly<Record<string, string>> = {
  cn: 'zh-CN',
  cz: 'cs',
  dk: 'da',
  gr: 'el',
  hk: 'zh-HK',
  jp: 'ja',
  ua: 'uk',
  vn: 'vi',
};
