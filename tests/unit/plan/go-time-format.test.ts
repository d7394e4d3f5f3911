import { describe, expect, it } from 'vitest';
import { type GoTime, goLayoutElements, goTimeFormat, isGoDateLayout } from '../../../src/plan/go-time-format.js';

// Five instants, each as Go 1.19's time.Format (Hugo 0.111's Go) formats the rows below: written by a
// Go program from time.Date(…) in these zones (FixedZone(name, offset)), copied here as they came out.
const TIMES: readonly GoTime[] = [
  // 2025-02-05 00:07:09 UTC
  { year: 2025, month: 2, day: 5, weekday: 3, yearday: 36, hour: 0, minute: 7, second: 9, offsetSeconds: 0, zoneName: 'UTC' },
  // 2024-12-31 13:45:30 in a zone without a name, +09:00 (a date written with its offset)
  { year: 2024, month: 12, day: 31, weekday: 2, yearday: 366, hour: 13, minute: 45, second: 30, offsetSeconds: 32_400, zoneName: '' },
  // 1850-06-01 12:00:00 Berlin's local mean time, +00:53:28
  { year: 1850, month: 6, day: 1, weekday: 6, yearday: 152, hour: 12, minute: 0, second: 0, offsetSeconds: 3208, zoneName: 'LMT' },
  // 0999-07-04 23:59:59 -03
  { year: 999, month: 7, day: 4, weekday: 4, yearday: 185, hour: 23, minute: 59, second: 59, offsetSeconds: -10_800, zoneName: '-03' },
  // 2025-02-10 10:00:00 in a zone without a name, -03:30
  { year: 2025, month: 2, day: 10, weekday: 1, yearday: 41, hour: 10, minute: 0, second: 0, offsetSeconds: -12_600, zoneName: '' },
];

describe('goTimeFormat: a layout of word characters as Go 1.19 formats it', () => {
  it.each([
    ['2006', ['2025', '2024', '1850', '0999', '2025']],
    ['06', ['25', '24', '50', '99', '25']],
    ['January', ['February', 'December', 'June', 'July', 'February']],
    ['Jan', ['Feb', 'Dec', 'Jun', 'Jul', 'Feb']],
    ['1', ['2', '12', '6', '7', '2']],
    ['01', ['02', '12', '06', '07', '02']],
    ['Monday', ['Wednesday', 'Tuesday', 'Saturday', 'Thursday', 'Monday']],
    ['Mon', ['Wed', 'Tue', 'Sat', 'Thu', 'Mon']],
    ['2', ['5', '31', '1', '4', '10']],
    ['_2', [' 5', '31', ' 1', ' 4', '10']],
    ['02', ['05', '31', '01', '04', '10']],
    ['__2', [' 36', '366', '152', '185', ' 41']],
    ['002', ['036', '366', '152', '185', '041']],
    ['15', ['00', '13', '12', '23', '10']],
    ['3', ['12', '1', '12', '11', '10']],
    ['03', ['12', '01', '12', '11', '10']],
    ['4', ['7', '45', '0', '59', '0']],
    ['04', ['07', '45', '00', '59', '00']],
    ['5', ['9', '30', '0', '59', '0']],
    ['05', ['09', '30', '00', '59', '00']],
    ['PM', ['AM', 'PM', 'PM', 'PM', 'AM']],
    ['pm', ['am', 'pm', 'pm', 'pm', 'am']],
    ['MST', ['UTC', '+0900', 'LMT', '-03', '-0330']],
    ['Z070000', ['Z', '+090000', '+005328', '-030000', '-033000']],
    ['Z0700', ['Z', '+0900', '+0053', '-0300', '-0330']],
    ['Z07', ['Z', '+09', '+00', '-03', '-03']],
    ['_2006', ['_2025', '_2024', '_1850', '_0999', '_2025']],
    ['Janx', ['Janx', 'Janx', 'Janx', 'Janx', 'Janx']],
    ['JanX', ['FebX', 'DecX', 'JunX', 'JulX', 'FebX']],
    ['Monthly', ['Monthly', 'Monthly', 'Monthly', 'Monthly', 'Monthly']],
    ['yearly', ['yearly', 'yearly', 'yearly', 'yearly', 'yearly']],
    ['slug_2', ['slug 5', 'slug31', 'slug 1', 'slug 4', 'slug10']],
    ['title_1', ['title_2', 'title_12', 'title_6', 'title_7', 'title_2']],
    ['Jan_2', ['Feb 5', 'Dec31', 'Jun 1', 'Jul 4', 'Feb10']],
    ['2006_01_02', ['2025_02_05', '2024_12_31', '1850_06_01', '0999_07_04', '2025_02_10']],
    ['00', ['00', '00', '00', '00', '00']],
    ['0', ['0', '0', '0', '0', '0']],
    ['7', ['7', '7', '7', '7', '7']],
    // An element is taken where it starts, the text after it as written; a 0 before 7, a P or p before
    // another letter, Jun, and Jan or Mon before a lower-case letter (a to z) start none.
    ['JanuaryX', ['FebruaryX', 'DecemberX', 'JuneX', 'JulyX', 'FebruaryX']],
    ['MondayX', ['WednesdayX', 'TuesdayX', 'SaturdayX', 'ThursdayX', 'MondayX']],
    ['MonX', ['WedX', 'TueX', 'SatX', 'ThuX', 'MonX']],
    ['MSTX', ['UTCX', '+0900X', 'LMTX', '-03X', '-0330X']],
    ['002X', ['036X', '366X', '152X', '185X', '041X']],
    ['15X', ['00X', '13X', '12X', '23X', '10X']],
    ['_2006X', ['_2025X', '_2024X', '_1850X', '_0999X', '_2025X']],
    ['__2X', [' 36X', '366X', '152X', '185X', ' 41X']],
    ['Z07X', ['ZX', '+09X', '+00X', '-03X', '-03X']],
    ['07', ['07', '07', '07', '07', '07']],
    ['PX', ['PX', 'PX', 'PX', 'PX', 'PX']],
    ['px', ['px', 'px', 'px', 'px', 'px']],
    ['JunX', ['JunX', 'JunX', 'JunX', 'JunX', 'JunX']],
    ['Jana', ['Jana', 'Jana', 'Jana', 'Jana', 'Jana']],
    ['Janz', ['Janz', 'Janz', 'Janz', 'Janz', 'Janz']],
  ])('formats %s as Go does', (layout, expected) => {
    expect(TIMES.map((t) => goTimeFormat(layout, t))).toEqual(expected);
  });

  it('writes an offset with seconds as Go cuts them, toward zero (New York, 1850: -04:56:02)', () => {
    const t = { ...(TIMES[0] as GoTime), offsetSeconds: -17_762, zoneName: '' };
    expect(['MST', 'Z0700', 'Z070000', 'Z07'].map((layout) => goTimeFormat(layout, t))).toEqual(['-0456', '-0456', '-045602', '-04']);
    // Less than a minute west: Go's minutes are 0, so a plus sign, and its seconds keep their minus.
    expect(goTimeFormat('Z070000', { ...t, offsetSeconds: -30 })).toBe('+0000-30');
  });

  it('names every month and weekday in English, in full and in three letters', () => {
    const t = TIMES[0] as GoTime;
    expect(Array.from({ length: 12 }, (_, m) => goTimeFormat('January Jan', { ...t, month: m + 1 }))).toEqual([
      'January Jan',
      'February Feb',
      'March Mar',
      'April Apr',
      'May May',
      'June Jun',
      'July Jul',
      'August Aug',
      'September Sep',
      'October Oct',
      'November Nov',
      'December Dec',
    ]);
    expect(Array.from({ length: 7 }, (_, d) => goTimeFormat('Monday Mon', { ...t, weekday: d }))).toEqual([
      'Sunday Sun',
      'Monday Mon',
      'Tuesday Tue',
      'Wednesday Wed',
      'Thursday Thu',
      'Friday Fri',
      'Saturday Sat',
    ]);
  });

  it('names the elements of a layout in order, and none of a word without one', () => {
    expect(goLayoutElements('2006_01_02')).toEqual(['2006', '01', '02']);
    expect(goLayoutElements('Jan_2MST')).toEqual(['Jan', '_2', 'MST']);
    expect(goLayoutElements('yearly')).toEqual([]);
    expect(goLayoutElements('Monthly')).toEqual([]);
    expect(goLayoutElements('Zulu_2006Z7')).toEqual(['2006']);
  });
});

describe('isGoDateLayout: whether Hugo 0.111 takes a permalink token for a date layout', () => {
  // As Go formats Hugo's reference time (2019-11-09 23:01:42 UTC) with each: other text, or the same.
  it.each([
    ['PM', false],
    ['pm', false],
    ['PMx', false],
    ['yearly', false],
    ['7', false],
    ['Year', false],
    ['Slug', false],
    ['Zulu', false],
    ['x9', false],
    ['MST', true],
    ['Z07', true],
    ['_2006', true],
    ['06', true],
    ['Jan', true],
    ['PM2', true],
    ['slug_2', true],
  ])('%s: %s', (name, expected) => {
    expect(isGoDateLayout(name)).toBe(expected);
  });
});
