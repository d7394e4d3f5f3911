import { describe, expect, it } from 'vitest';
import { compareZoneRules, siteZoneRules, zoneRulesNotes } from '../../../src/rebuild/zone-rules.js';

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
