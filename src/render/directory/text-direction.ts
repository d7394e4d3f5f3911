/**
 * Which way a language's text runs, for the `dir` of the directory page's site-controlled strings.
 * Fixed lists, not the runtime's locale data (`Intl.Locale#getTextInfo` is missing from some Node
 * builds and differs between ICU versions): the page's bytes must not depend on the machine.
 */

/** Primary language subtags written right to left (`iw` and `ji` are the old codes of Hebrew and Yiddish). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'yi', 'ji', 'ps', 'sd', 'ug', 'ckb', 'dv']);

/** Script subtags written right to left: `ku-Arab`, `pa-Arab` are; `sd-Deva`, `uz-Latn` are not, whatever the language. */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

/**
 * `rtl` when a BCP 47 tag names a right-to-left script (its script subtag, else its primary language),
 * else `auto` (a name in a left-to-right language may still be in any script, so the browser decides
 * from its first strong character). An unknown or empty tag is `auto`.
 *
 * @example
 * textDirection('ar');      // 'rtl'
 * textDirection('ku-Arab'); // 'rtl'
 * textDirection('zh-CN');   // 'auto'
 */
export function textDirection(code: string | undefined): 'rtl' | 'auto' {
  const [primary = '', ...rest] = (code ?? '').toLowerCase().split(/[-_]/);
  const script = rest.find((part) => /^[a-z]{4}$/.test(part));
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'auto';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'auto';
}

/**
 * The tag of the page's own words: the page's language when its words are in it (`en-GB` for English
 * words, `zh-TW` for Traditional Chinese ones), else the words' own tag (`en` on a French page, whose
 * words fall back to English; also on the page of a language without a code), so `<html lang>` names the
 * language the page's words are in.
 *
 * @example
 * wordsLanguage('fr-FR', 'en');      // 'en'
 * wordsLanguage('zh-CN', 'zh-Hans'); // 'zh-CN'
 */
export function wordsLanguage(pageCode: string | undefined, wordsLocale: string): string {
  const primary = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return pageCode !== undefined && primary(pageCode) === primary(wordsLocale) ? pageCode : wordsLocale;
}
