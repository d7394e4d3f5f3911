/**
 * Value checks shared by the RSS, Atom and JSON Feed rule checkers (test tooling).
 * They follow the W3C Feed Validation Service (w3c/feedvalidator, `validators.py`) where it has a
 * rule, re-implemented here.
 */

/** Tags of HTML; an end tag of one of these in plain text means "contains HTML". */
const HTML_TAGS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo big blockquote body br ' +
    'button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt ' +
    'em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup ' +
    'hr html i iframe img input ins kbd label legend li link main map mark menu meta meter nav noframes ' +
    'noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script ' +
    'section select slot small source span strike strong style sub summary sup table tbody td template ' +
    'textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
);

/** The first HTML end tag (`</b>`) in a plain-text value, if any (W3C `ContainsHTML`). */
export function htmlEndTag(value: string): string | undefined {
  for (const m of value.matchAll(/<\/(\w+)>/g)) {
    const tag = m[1]?.toLowerCase();
    if (tag !== undefined && HTML_TAGS.has(tag)) return `</${tag}>`;
  }
  return undefined;
}

/**
 * Absolute URI in the RFC 2396 character repertoire (W3C `rfc2396_full`): a scheme, and only
 * ASCII URI characters — non-ASCII must be percent-encoded (`UriNotIri` otherwise).
 * http/https/ftp also need an authority (`scheme://host`).
 */
export function isAbsoluteUri(value: string): boolean {
  if (!/^[a-zA-Z][0-9a-zA-Z+\-.]*:(\/\/)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#[\]]+$/.test(value)) return false;
  return isAbsoluteIri(value);
}

/**
 * Absolute IRI (RFC 3987): a scheme; http(s)/ftp with an authority; no spaces or characters that
 * are never allowed in IRIs (`<>"{}|\^\``, controls); `urn:uuid:` must be a well-formed UUID.
 */
export function isAbsoluteIri(value: string): boolean {
  const scheme = /^([a-zA-Z][0-9a-zA-Z+\-.]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: controls are exactly what is rejected
  if (/[\u0000-\u0020<>"{}|\\^`\u007f]/.test(value)) return false;
  if (['http', 'https', 'ftp'].includes(scheme)) {
    try {
      return /^[a-z]+:\/\/[^/]/i.test(value) && new URL(value).host !== '';
    } catch {
      return false;
    }
  }
  if (value.toLowerCase().startsWith('urn:uuid:')) {
    return /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  }
  if (scheme === 'urn') return /^urn:[a-z0-9][a-z0-9-]{1,31}:\S+$/i.test(value);
  if (scheme === 'tag') return /^tag:[^,]+,\d{4}(-\d{2}(-\d{2})?)?:\S*$/.test(value);
  return value.length > scheme.length + 1;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value) && isAbsoluteIri(value);
}

/** Names of languages by code, from the runtime's CLDR data: only whether it has one for a code is asked. */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A BCP 47 language tag (RFC 5646 `langtag` syntax, grandfathered forms excluded, or a private-use `x-…`)
 * whose primary subtag names a language, as W3C's validator checks it against ISO 639 (InvalidLanguage,
 * an error): two letters CLDR names a language by (not `cn` or `jp`), or three (not looked up); four to
 * eight letters name none (`english`). Catches what a generator gets wrong (`en_US`, `english`, `zh-cn-`,
 * a Hugo language key taken for a code: `cn`). Independent of feedpub's own list (`languageOf`).
 */
export function isLanguageTag(value: string): boolean {
  const syntax =
    /^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$/i;
  if (!syntax.test(value)) return false;
  const primary = (value.split('-')[0] ?? '').toLowerCase();
  return primary.length !== 2 || LANGUAGE_NAMES.of(primary) !== undefined;
}

/** Date.UTC without its 0–99 → 1900–1999 year mapping. */
function utc(year: number, month0: number, day: number, h = 0, mi = 0, s = 0): number {
  const d = new Date(Date.UTC(2000, month0, day, h, mi, s));
  d.setUTCFullYear(year, month0, day);
  return d.getTime();
}

function validCalendar(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return false;
  const days = new Date(utc(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/**
 * RFC 3339 date-time (W3C `rfc3339`): `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, a real calendar
 * date. Returns the epoch ms, or undefined when invalid.
 */
export function parseRfc3339(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!validCalendar(y, mo, d, h, mi, s)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/** Result of an RFC 822 check: the epoch ms, or the W3C rule that fails. */
export type Rfc822Result =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly rule: 'InvalidRFC2822Date' | 'IncorrectDOW' | 'ProblematicalRFC822Date'; readonly reason: string };

/**
 * RFC 822 date as RSS 2.0 requires it (W3C `rfc822`, strict RFC 2822 form): optional correct
 * day name, 1–2 digit day, English month, four-digit year, `HH:MM[:SS]`, and a numeric or named
 * zone. Two-digit years are `ProblematicalRFC822Date`.
 */
export function checkRfc822(value: string): Rfc822Result {
  const m =
    /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}|\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$/.exec(
      value,
    );
  if (!m) {
    return /^\w{3}, \d{1,2} \w{3} \d{2} /.test(value)
      ? { ok: false, rule: 'ProblematicalRFC822Date', reason: 'two-digit year' }
      : { ok: false, rule: 'InvalidRFC2822Date', reason: 'not an RFC 822 date' };
  }
  const [, dow, dayS, monS, yearS, hS, miS, sS, zone] = m;
  if (yearS?.length === 2) return { ok: false, rule: 'ProblematicalRFC822Date', reason: 'two-digit year' };
  const year = Number(yearS);
  const month = MONTHS.indexOf(monS ?? '') + 1;
  const [day, h, mi, s] = [Number(dayS), Number(hS), Number(miS), Number(sS ?? '0')];
  if (!validCalendar(year, month, day, h, mi, s)) return { ok: false, rule: 'InvalidRFC2822Date', reason: 'no such date or time' };
  if (dow !== undefined && DAYS[new Date(utc(year, month - 1, day)).getUTCDay()] !== dow) {
    return { ok: false, rule: 'IncorrectDOW', reason: `${dow} is the wrong day of the week` };
  }
  let offset = 0;
  if (zone !== undefined && /^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else if (zone !== undefined) offset = ZONES[zone] ?? 0;
  return { ok: true, ms: utc(year, month - 1, day, h, mi, s) - offset * 60_000 };
}
