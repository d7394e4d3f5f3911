import { describe, expect, it } from 'vitest';
import { tzdataVersion } from '../../../src/parse/zone-rules.js';
import { compareZoneRules, knownZoneRules, siteZoneRules, zoneRulesNotes } from '../../../src/rebuild/zone-rules.js';

const site = { timeZone: 'America/Vancouver', languages: [{}, { timeZone: 'America/Toronto' }, { timeZone: 'America/Vancouver' }] };

describe('siteZoneRules', () => {
  it('fingerprints the site zone and the zones of its languages, once each, in name order', () => {
    const asked: string[] = [];
    const rules = siteZoneRules(site, (zone) => {
      asked.push(zone);
      return `z2-${zone.length}`;
    });
    expect(rules).toEqual({ 'America/Toronto': 'z2-15', 'America/Vancouver': 'z2-17' });
    expect(Object.keys(rules)).toEqual(['America/Toronto', 'America/Vancouver']);
    expect(asked.sort()).toEqual(['America/Toronto', 'America/Vancouver']);
  });
});

describe('knownZoneRules', () => {
  const recorded = { zoneRules: { 'America/Vancouver': 'z2-aaaa', 'Asia/Shanghai': 'z1-old' }, tzdata: '2025c' };
  /** The fingerprints made, as `made:<zone>`, and the zones asked for them. */
  function maker(): { made: string[]; rulesOf: (zone: string) => string } {
    const made: string[] = [];
    const rulesOf = (zone: string): string => {
      made.push(zone);
      return `made:${zone}`;
    };
    return { made, rulesOf };
  }

  it('takes what the manifest recorded with this tzdata version, and makes the rest', () => {
    const { made, rulesOf } = maker();
    const rules = knownZoneRules(recorded, '2025c', rulesOf);
    expect(rules('America/Vancouver')).toBe('z2-aaaa');
    expect(rules('America/Toronto')).toBe('made:America/Toronto');
    // A digest of another form (three-week samples) is made again, as compareZoneRules reads it as unknown.
    expect(rules('Asia/Shanghai')).toBe('made:Asia/Shanghai');
    expect(made).toEqual(['America/Toronto', 'Asia/Shanghai']);
  });

  it('makes every fingerprint for another version, no version, or no manifest', () => {
    for (const [manifest, version] of [
      [recorded, '2026e'],
      [recorded, undefined],
      [{ zoneRules: recorded.zoneRules }, '2025c'],
      [{ zoneRules: recorded.zoneRules }, undefined],
      [undefined, '2025c'],
    ] as const) {
      const { made, rulesOf } = maker();
      expect(knownZoneRules(manifest, version, rulesOf)('America/Vancouver'), `${version}`).toBe('made:America/Vancouver');
      expect(made).toEqual(['America/Vancouver']);
    }
  });

  it('takes no property the recorded object does not own', () => {
    const { rulesOf } = maker();
    const rules = knownZoneRules({ zoneRules: JSON.parse('{"__proto__": "z2-x"}') as Record<string, string>, tzdata: '2025c' }, '2025c', rulesOf);
    expect(rules('constructor')).toBe('made:constructor');
    expect(rules('toString')).toBe('made:toString');
    expect(rules('__proto__')).toBe('z2-x');
  });

  it('is given the version of the runtime time zone data by tzdataVersion', () => {
    expect(tzdataVersion()).toBe(process.versions.tz);
    expect(tzdataVersion()).toMatch(/^\d{4}[a-z]$/);
  });
});

describe('compareZoneRules', () => {
  const current = { 'America/Toronto': 'z2-aaaa', 'America/Vancouver': 'z2-bbbb' };

  it('finds the same rules the same, whatever the manifest recorded of zones the site no longer uses', () => {
    expect(compareZoneRules(current, current)).toEqual({ same: true, changed: [] });
    expect(compareZoneRules({ ...current, 'Europe/Chisinau': 'z2-cccc' }, current)).toEqual({ same: true, changed: [] });
  });

  it('names the zones whose rules changed', () => {
    expect(compareZoneRules({ ...current, 'America/Vancouver': 'z2-0000' }, current)).toEqual({ same: false, changed: ['America/Vancouver'] });
  });

  it('reads a manifest that recorded no rules, or another form of them, as unknown: not the same, and no zone named', () => {
    expect(compareZoneRules(undefined, current)).toEqual({ same: false, changed: [] });
    expect(compareZoneRules({ 'America/Toronto': 'z2-aaaa' }, current)).toEqual({ same: false, changed: [] });
    // z1: three-week samples, which missed breaks from summer time shorter than that (Gaza 2054).
    expect(compareZoneRules({ ...current, 'America/Vancouver': 'z1-bbbb' }, current)).toEqual({ same: false, changed: [] });
    expect(compareZoneRules({ 'America/Toronto': 'z1-aaaa', 'America/Vancouver': 'z1-bbbb' }, current)).toEqual({ same: false, changed: [] });
  });
});

describe('zoneRulesNotes', () => {
  it('says nothing when no zone changed', () => {
    expect(zoneRulesNotes([])).toEqual([]);
  });

  it('names the zones, says what the run did and how to avoid it, as an info notice', () => {
    const [note] = zoneRulesNotes(['Africa/Casablanca', 'America/Vancouver']);
    expect(note).toMatchObject({ file: '(state)', severity: 'info', rule: 'zone-rules-changed' });
    expect(note?.message).toContain('the time zones Africa/Casablanca, America/Vancouver have other rules');
    expect(note?.message).toContain('every page was read again');
    expect(note?.message).toContain('same Node.js version');
  });
});
