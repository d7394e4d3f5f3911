/**
 * Go's `time.Format` for the layouts a Hugo permalink token can be: a token is `:` and word characters
 * (`:\w+`), and Hugo 0.111 formats the page's date with any token that is no name it knows, where that
 * gives something else than the token (`:06` → `25`, `:Jan` → `Feb`). Word characters hold every element
 * of Go's but those with `-`, `:`, `.` or `,` (`-0700`, `Z07:00`, `.000`), which no token can: those
 * characters are literal text here. As Go 1.19 (Hugo 0.111's) chunks and writes them.
 */

/** An instant as Go's `Format` reads it: the wall clock in its zone, and the zone. */
export interface GoTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0 (Sunday) – 6. */
  readonly weekday: number;
  /** 1–366. */
  readonly yearday: number;
  /** 0–23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Seconds east of UTC. */
  readonly offsetSeconds: number;
  /** The zone's abbreviation (`UTC`, `CET`); '' for a zone without one, which `MST` writes as `+0900`. */
  readonly zoneName: string;
}

/** Go's elements that word characters can spell, as `nextStdChunk` takes them. */
type Element =
  | 'January'
  | 'Jan'
  | 'Monday'
  | 'Mon'
  | 'MST'
  | '01'
  | '02'
  | '03'
  | '04'
  | '05'
  | '06'
  | '002'
  | '15'
  | '1'
  | '2006'
  | '2'
  | '_2'
  | '__2'
  | '3'
  | '4'
  | '5'
  | 'PM'
  | 'pm'
  | 'Z070000'
  | 'Z0700'
  | 'Z07';

/** A layout cut at its first element: the literal text before it, the element, the rest. */
interface Chunk {
  readonly prefix: string;
  readonly element?: Element;
  readonly suffix: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's `startsWithLowerCase`: `Month` holds no `Mon`, `Janx` no `Jan`. */
const startsWithLowerCase = (s: string): boolean => s.length > 0 && s[0] !== undefined && s[0] >= 'a' && s[0] <= 'z';

/** Go 1.19's `nextStdChunk`, for word characters. */
function nextChunk(layout: string): Chunk {
  const cut = (i: number, element: Element): Chunk => ({
    prefix: layout.slice(0, i),
    element,
    suffix: layout.slice(i + element.length),
  });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return cut(i, 'January');
        if (rest.startsWith('Jan') && !startsWithLowerCase(rest.slice(3))) return cut(i, 'Jan');
        break;
      case 'M':
        if (rest.startsWith('Monday')) return cut(i, 'Monday');
        if (rest.startsWith('Mon') && !startsWithLowerCase(rest.slice(3))) return cut(i, 'Mon');
        if (rest.startsWith('MST')) return cut(i, 'MST');
        break;
      case '0': {
        const next = rest[1];
        if (next !== undefined && next >= '1' && next <= '6') return cut(i, rest.slice(0, 2) as Element);
        if (rest.startsWith('002')) return cut(i, '002');
        break;
      }
      case '1':
        return rest.startsWith('15') ? cut(i, '15') : cut(i, '1');
      case '2':
        return rest.startsWith('2006') ? cut(i, '2006') : cut(i, '2');
      case '_':
        if (rest[1] === '2') {
          // `_2006` is a literal `_` and the year.
          if (rest.startsWith('_2006')) return { prefix: layout.slice(0, i + 1), element: '2006', suffix: layout.slice(i + 5) };
          return cut(i, '_2');
        }
        if (rest.startsWith('__2')) return cut(i, '__2');
        break;
      case '3':
      case '4':
      case '5':
        return cut(i, rest[0] as Element);
      case 'P':
        if (rest[1] === 'M') return cut(i, 'PM');
        break;
      case 'p':
        if (rest[1] === 'm') return cut(i, 'pm');
        break;
      case 'Z':
        for (const element of ['Z070000', 'Z0700', 'Z07'] as const) if (rest.startsWith(element)) return cut(i, element);
    }
  }
  return { prefix: layout, suffix: '' };
}

/** Go's `appendInt`: `n` in decimal, zero-padded to `width` digits, its sign before them. */
function padded(n: number, width: number): string {
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
}

/** A UTC offset as Go writes it: `+hh`, then `mm` and `ss` as asked (minutes and seconds cut toward zero, as Go's integer division). */
function offsetText(offsetSeconds: number, minutes: boolean, seconds: boolean): string {
  let zone = Math.trunc(offsetSeconds / 60);
  let abs = offsetSeconds;
  let sign = '+';
  if (zone < 0) {
    sign = '-';
    zone = -zone;
    abs = -abs;
  }
  return `${sign}${padded(Math.trunc(zone / 60), 2)}${minutes ? padded(zone % 60, 2) : ''}${seconds ? padded(abs % 60, 2) : ''}`;
}

function formatElement(element: Element, t: GoTime): string {
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (element) {
    case '2006':
      return padded(t.year, 4);
    case '06':
      return padded(Math.abs(t.year) % 100, 2);
    case 'January':
      return MONTHS[t.month - 1] ?? '';
    case 'Jan':
      return (MONTHS[t.month - 1] ?? '').slice(0, 3);
    case '1':
      return String(t.month);
    case '01':
      return padded(t.month, 2);
    case 'Monday':
      return WEEKDAYS[t.weekday] ?? '';
    case 'Mon':
      return (WEEKDAYS[t.weekday] ?? '').slice(0, 3);
    case '2':
      return String(t.day);
    case '_2':
      return String(t.day).padStart(2, ' ');
    case '02':
      return padded(t.day, 2);
    case '__2':
      return String(t.yearday).padStart(3, ' ');
    case '002':
      return padded(t.yearday, 3);
    case '15':
      return padded(t.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return padded(hour12, 2);
    case '4':
      return String(t.minute);
    case '04':
      return padded(t.minute, 2);
    case '5':
      return String(t.second);
    case '05':
      return padded(t.second, 2);
    case 'PM':
      return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      // A zone without a name is written as its offset (Go's "ugly special case").
      return t.zoneName !== '' ? t.zoneName : offsetText(t.offsetSeconds, true, false);
    case 'Z070000':
    case 'Z0700':
    case 'Z07':
      return t.offsetSeconds === 0 ? 'Z' : offsetText(t.offsetSeconds, element !== 'Z07', element === 'Z070000');
  }
}

/**
 * `layout` (word characters: see the module's note) formatted as Go 1.19's `time.Format` formats `t`.
 *
 * @example goTimeFormat('06', t) // '25' for 2025
 * @example goTimeFormat('Jan_2', t) // 'Feb 5' for 5 February
 * @example goTimeFormat('Monthly', t) // 'Monthly' (`Mon` before a lower-case letter is no weekday)
 */
export function goTimeFormat(layout: string, t: GoTime): string {
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const { prefix, element, suffix } = nextChunk(rest);
    out += prefix;
    if (element === undefined) break;
    out += formatElement(element, t);
    rest = suffix;
  }
  return out;
}

/**
 * The elements of `layout`, in order (`['Jan', '_2']` for `Jan_2`; none for `yearly`).
 *
 * @example goLayoutElements('2006_01') // ['2006', '01']
 */
export function goLayoutElements(layout: string): string[] {
  const elements: string[] = [];
  for (let rest = layout; rest !== ''; ) {
    const { element, suffix } = nextChunk(rest);
    if (element === undefined) break;
    elements.push(element);
    rest = suffix;
  }
  return elements;
}

/**
 * Hugo's reference time for telling a date layout (resources/page/permalinks.go): 2019-11-09 23:01:42 UTC,
 * every field of it other than Go's reference time's, so that a layout formats it into other text.
 */
const HUGO_REFERENCE_TIME: GoTime = {
  year: 2019,
  month: 11,
  day: 9,
  weekday: 6,
  yearday: 313,
  hour: 23,
  minute: 1,
  second: 42,
  offsetSeconds: 0,
  zoneName: 'UTC',
};

/**
 * Whether Hugo 0.111 takes a permalink token's name (without its `:`) for a Go date layout: formatting its
 * reference time with it gives other text. `PM` and `pm` alone do not (the reference time is in the
 * evening), nor does a name without an element (`yearly`, `Monthly`): Hugo fails the build on those.
 *
 * @example isGoDateLayout('Jan') // true
 * @example isGoDateLayout('PM') // false
 * @example isGoDateLayout('yearly') // false
 */
export function isGoDateLayout(name: string): boolean {
  return goTimeFormat(name, HUGO_REFERENCE_TIME) !== name;
}
