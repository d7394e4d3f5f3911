import { describe, expect, it, vi } from 'vitest';
import { timeZoneName, timeZoneNames, unknownTimeZone } from '../../../src/config/time-zone-names.js';

describe('timeZoneName', () => {
  it('keeps a tzdata name as written, a link as much as its zone (no runtime canonicalizing)', () => {
    for (const name of ['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev', 'US/Pacific', 'EST5EDT', 'Etc/GMT-8', 'UTC', 'GMT0']) {
      expect(timeZoneName(name), name).toBe(name);
    }
  });

  it('spells a name in another case as tzdata does, the same on every Node', () => {
    expect(
      ['asia/shanghai', 'ASIA/SHANGHAI', 'asia/kolkata', 'asia/calcutta', 'us/pacific', 'utc', 'america/port-au-prince', 'etc/gmt+8'].map(timeZoneName),
    ).toEqual(['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Pacific', 'UTC', 'America/Port-au-Prince', 'Etc/GMT+8']);
  });

  it('takes no UTC offset (Node 22 and 24 do, Node 20 does not), no abbreviation and nothing tzdata does not name', () => {
    for (const written of [
      '+08:00',
      '-05:30',
      '+0800',
      '+08',
      'UTC+8',
      'GMT+8',
      'Z',
      'PST',
      'IST',
      'SystemV/AST4',
      'Factory',
      'Etc/Unknown',
      'localtime',
      'Mars/Base',
      '',
      ' Asia/Shanghai',
    ]) {
      expect(timeZoneName(written), written).toBeUndefined();
    }
  });

  it('lists only names this runtime takes, and every name its Intl lists (a new Node with a new zone fails here)', () => {
    const names = new Set(timeZoneNames());
    expect(names.size).toBe(597);
    for (const name of names) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: name }), name).not.toThrow();
    expect(Intl.supportedValuesOf('timeZone').filter((name) => !names.has(name))).toEqual([]);
  });

  it('takes no name of the list that this runtime’s ICU does not know (a Node built with an older system ICU)', () => {
    // Prepare: an ICU that refuses the zone, as one without Europe/Kyiv (tzdata 2022b) does.
    const format = vi.spyOn(Intl, 'DateTimeFormat').mockImplementationOnce(function refuse(): never {
      throw new RangeError('Invalid time zone specified: Europe/Kyiv');
    });
    try {
      // Act, Assess
      expect(timeZoneName('europe/kyiv')).toBeUndefined();
      expect(format).toHaveBeenCalledWith('en-US', { timeZone: 'Europe/Kyiv' });
    } finally {
      format.mockRestore();
    }
    expect(timeZoneName('europe/kyiv')).toBe('Europe/Kyiv');
  });
});

describe('unknownTimeZone', () => {
  it('says a UTC offset is no time zone name, with the Etc/GMT zone of its whole hours, sign reversed as in tzdata', () => {
    expect(unknownTimeZone('+08:00', 'Asia/Shanghai')).toBe(
      'unknown time zone "+08:00": a UTC offset is no time zone name; use an IANA name such as Asia/Shanghai, or Etc/GMT-8 for UTC+08:00 all year',
    );
    expect(unknownTimeZone('-0500', 'Asia/Shanghai')).toContain('or Etc/GMT+5 for UTC-05:00 all year');
    expect(unknownTimeZone('+05:30', 'Asia/Shanghai')).toBe(
      'unknown time zone "+05:30": a UTC offset is no time zone name; use an IANA name such as Asia/Shanghai',
    );
    expect(unknownTimeZone('Mars/Base', 'Europe/Berlin')).toBe('unknown time zone "Mars/Base" (use an IANA name such as Europe/Berlin)');
    expect(unknownTimeZone('+00:00', 'Asia/Shanghai')).toBe(
      'unknown time zone "+00:00": a UTC offset is no time zone name; use an IANA name such as Asia/Shanghai, or UTC',
    );
  });

  it('names the zone an older feedpub read a name that is none as, so an operator keeps the dates already published', () => {
    expect(unknownTimeZone('PST', 'Asia/Shanghai')).toBe(
      'unknown time zone "PST" (use an IANA name such as Asia/Shanghai; it was read as America/Los_Angeles: write that to keep the dates already published)',
    );
    expect(unknownTimeZone('CST', 'Europe/Berlin')).toContain('it was read as America/Chicago');
    expect(unknownTimeZone('US/Pacific-New', 'Europe/Berlin')).toContain('it was read as America/Los_Angeles');
  });
});
