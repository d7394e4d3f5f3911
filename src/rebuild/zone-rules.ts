import type { Manifest } from '../manifest.js';
import type { Problem, SiteConfig } from '../model.js';
import { RULES_DIGEST_PREFIX, zoneRules } from '../parse/zone-rules.js';

/** Zone name → the fingerprint of its rules (`zoneRules`), as a manifest records them. */
export type ZoneRules = Readonly<Record<string, string>>;

/**
 * The fingerprints of the zones a site's dates are read in: the site's `timeZone` and its languages'
 * own (dates without a zone, permalinks' `:year`/`:day`, the directory's days, the notes' wall-clock times
 * read no other), in name order.
 *
 * @example siteZoneRules(site) // { 'America/Vancouver': 'z2-…' }
 */
export function siteZoneRules(
  site: Pick<SiteConfig, 'timeZone'> & { readonly languages: readonly { readonly timeZone?: string }[] },
  rulesOf: (zone: string) => string = zoneRules,
): ZoneRules {
  const zones = new Set([site.timeZone, ...site.languages.flatMap((l) => (l.timeZone !== undefined ? [l.timeZone] : []))]);
  return Object.fromEntries([...zones].sort().map((zone) => [zone, rulesOf(zone)]));
}

/**
 * Each zone's fingerprint, taken from what `manifest` recorded when it was made with this very version of the
 * time zone data (`version`, `tzdataVersion()`: the same data has the same rules), else made (`zoneRules`:
 * ~12,000 Intl calls and 30-60 ms a zone, once per process). So a cold function's run or a `build --state`
 * whose runtime did not change makes none.
 *
 * @example siteZoneRules(site, knownZoneRules(previous, tzdataVersion()))
 */
export function knownZoneRules(
  manifest: Pick<Manifest, 'zoneRules' | 'tzdata'> | undefined,
  version: string | undefined,
  rulesOf: (zone: string) => string = zoneRules,
): (zone: string) => string {
  const known = version !== undefined && manifest?.tzdata === version ? manifest.zoneRules : undefined;
  return (zone) => {
    const digest = known !== undefined && Object.hasOwn(known, zone) ? known[zone] : undefined;
    return typeof digest === 'string' && digest.startsWith(RULES_DIGEST_PREFIX) ? digest : rulesOf(zone);
  };
}

/** Whether a manifest's dates were read with these rules, and which of its zones have other rules now. */
export interface ZoneRulesCheck {
  /** Every zone has the rules the manifest recorded: its parsed dates hold. */
  readonly same: boolean;
  /** The zones the manifest recorded other rules for (a runtime with other tzdata). */
  readonly changed: readonly string[];
}

/**
 * Compares the rules a manifest recorded with this run's. Only the site's zones count: tzdata changes to
 * zones it does not use re-read nothing. A manifest that recorded none (written before feedpub did, or by
 * another way of fingerprinting) is unknown, not the same: its dates may be a mix of two runtimes'
 * (a CLI on one Node.js, the function on another), which only reading every page once more repairs, at the
 * cost of one full read (as a new render version); no zone is named then, since none is known to differ.
 *
 * @example compareZoneRules(manifest.zoneRules, siteZoneRules(site)).same
 */
export function compareZoneRules(recorded: Manifest['zoneRules'], current: ZoneRules): ZoneRulesCheck {
  let same = recorded !== undefined;
  const changed: string[] = [];
  for (const [zone, digest] of Object.entries(current)) {
    const before = recorded?.[zone];
    if (before === digest) continue;
    same = false;
    if (before?.startsWith(RULES_DIGEST_PREFIX) && digest.startsWith(RULES_DIGEST_PREFIX)) changed.push(zone);
  }
  return { same, changed };
}

/**
 * The notice of a run that read every page again because its runtime has other rules for the site's zones
 * than the last run's: its dates written without a zone may have moved, and runtimes that take turns
 * move them back and forth.
 *
 * @example zoneRulesNotes(['America/Vancouver'])[0]?.rule // 'zone-rules-changed'
 */
export function zoneRulesNotes(changed: readonly string[]): Problem[] {
  if (changed.length === 0) return [];
  const zones = changed.join(', ');
  const which = changed.length === 1 ? `the time zone ${zones} has` : `the time zones ${zones} have`;
  return [
    {
      file: '(state)',
      severity: 'info',
      rule: 'zone-rules-changed',
      message: `${which} other rules in this runtime's time zone data (tzdata) than in the last run's: every page was read again and its dates written without a zone read with this runtime's rules, and only feeds whose bytes changed were written; run the CLI, CI and the function on the same Node.js version (its tzdata), or each run on another one reads every page again and moves those dates back`,
    },
  ];
}
