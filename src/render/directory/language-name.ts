import type { LanguageConfig } from '../../model.js';
import { directoryStrings } from './directory-strings.js';

/**
 * The name a language calls itself, for headings when the site config names none: Chinese by
 * script (`简体中文`, `繁體中文`), other languages from the runtime's Unicode CLDR data
 * (`English`, `français`), else the code as given.
 *
 * @example
 * languageName('zh-TW'); // '繁體中文'
 * languageName('fr');    // 'français'
 */
export function languageName(code: string): string {
  const locale = directoryStrings(code).locale;
  if (locale === 'zh-Hans') return '简体中文';
  if (locale === 'zh-Hant') return '繁體中文';
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A configured language's display name: its `label` (`languageName` before Hugo 0.158) when one was written (Hugo's default is
 * the key itself, which does not count), else `languageName(code)`; else, for a language whose key or code
 * names none (its `code` is then the site's, or absent), that name or key as written.
 *
 * @example configuredLanguageName({ key: 'zh-cn', code: 'zh-CN', name: 'zh-CN', … }); // '简体中文'
 */
export function configuredLanguageName(language: Pick<LanguageConfig, 'key' | 'code' | 'name' | 'unknownCode'>): string {
  const name = language.name.trim();
  const lower = name.toLowerCase();
  if (language.code === undefined || language.unknownCode !== undefined) return name || language.key;
  return name !== '' && lower !== language.key.toLowerCase() && lower !== language.code.toLowerCase() ? name : languageName(language.code);
}
