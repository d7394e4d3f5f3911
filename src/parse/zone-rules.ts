/**
 * A fingerprint of a time zone's rules as the runtime's time zone data (tzdata, through Intl) has them:
 * dates written without a zone are read with them, so a manifest's parsed dates hold only while they are
 * the same. Node.js carries its own tzdata (Node 20 froze at 2025c, Node 24 has 2026e: America/Vancouver
 * keeps summer time from 2026 in one and not the other), and AWS updates a Lambda runtime's.
 */
import { sha256 } from '../sha256.js';
import { zoneOffsetSource } from './zone-offset.js';

/** The offset from UTC in minutes at an instant (undefined: no answer), as `zoneOffsetSource` gives it. */
export type OffsetAt = (ms: number) => number | undefined;

/** 1900-01-01T00:00Z and 2101-01-01T00:00Z: the span fingerprinted (the dates sites have, and far beyond). */
const RULES_FROM = -2_208_988_800_000;
const RULES_TO = 4_133_980_800_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * Offsets are sampled every six days: a change and its reversal that both fall between two samples go
 * unseen, so a break that lasts six days or more is always seen. The shortest in tzdata 2025c and 2026e
 * last 6 days 23 hours: Asia/Gaza's and Asia/Hebron's predicted Ramadan breaks from summer time (2040,
 * 2054, 2072), Brazil's 2000 summer time in Recife and Noronha; then Tunis 1943 (8 days), Argentina 2004
 * (12 to 19 days), Vienna and Riga in the 1940s. Each zone then gives the same changes as a daily scan
 * (all 418 of Node 20's and of Node 24's). Three weeks, as before, missed all of those.
 */
const STEP = 6 * DAY;
/**
 * The digest's form: another way of fingerprinting is another prefix, read as unknown rather than as a change
 * (so a manifest's fingerprints are made again once, with no zone named as changed). z1: three-week samples.
 */
export const RULES_DIGEST_PREFIX = 'z2-';

/**
 * The offset at {@link RULES_FROM}, then each change up to {@link RULES_TO} as `[instant, offset after it]`,
 * found by sampling and narrowed to the minute (the first whole minute of `RULES_FROM`'s grid with the new
 * offset): a change moved by an hour (Moldova's since 2022) is a change. Deterministic: the same offsets give
 * the same list. ~12,250 calls of `offsetAt` for the samples of 1900–2100 and ~7 per change (a zone with
 * summer time has ~300), at most ~14,500: 10–20 ms with the runtime's Intl.
 *
 * @example offsetChanges(() => 480) // [480]
 */
export function offsetChanges(offsetAt: OffsetAt): (number | null)[] {
  // (`RULES_FROM` is a whole minute: every instant asked about is on its grid.)
  const at = (ms: number): number | null => offsetAt(ms) ?? null;
  let before = at(RULES_FROM);
  const changes: (number | null)[] = [before];
  /** UTC times of day of the changes found: the next ones are likely at one of them. */
  const times: number[] = [];
  for (let t = RULES_FROM; t < RULES_TO; ) {
    const next = Math.min(t + STEP, RULES_TO);
    const after = at(next);
    if (after !== before) {
      const change = firstChange(at, t, next, before, times);
      changes.push(change, at(change));
      times.push(((change % DAY) + DAY) % DAY);
    }
    t = next;
    before = after;
  }
  return changes;
}

/**
 * A minute in (`lo`, `hi`] whose offset is not `before` while the minute ahead of it has `before`, given
 * that `lo` has it and `hi` has not. Bisection to the minute takes ~15 calls; most changes recur at the UTC
 * time of day of the one before last (a rule's hour, summer time's start a year ago), so the day is found
 * at that time first and the recent times of day are tried in it: ~7 calls.
 */
function firstChange(at: (ms: number) => number | null, lo: number, hi: number, before: number | null, times: readonly number[]): number {
  const n = times.length;
  const guesses = [...new Set([times[n - 2], times[n - 1], times[n - 3], times[n - 4]].filter((x): x is number => x !== undefined))];
  const first = guesses[0];
  if (first !== undefined) {
    // The days at that time of day: the last with `before` and the first without, within (lo, hi].
    let a = Math.floor((lo - first) / DAY);
    let b = Math.ceil((hi - first) / DAY);
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (at(mid * DAY + first) === before) a = mid;
      else b = mid;
    }
    lo = Math.max(lo, a * DAY + first);
    hi = Math.min(hi, b * DAY + first);
    for (const time of guesses) {
      const c = Math.floor((hi - time) / DAY) * DAY + time;
      if (c <= lo) continue;
      if (c !== hi) {
        if (at(c) === before) {
          lo = c;
          continue;
        }
        hi = c;
      }
      if (at(c - MINUTE) === before) return c;
      hi = c - MINUTE;
    }
  }
  while (hi - lo > MINUTE) {
    const mid = lo + Math.max(1, Math.floor((hi - lo) / MINUTE / 2)) * MINUTE;
    if (at(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The digest of a zone's offsets and their changes from 1900 to 2100 ({@link offsetChanges}).
 *
 * @example zoneRulesDigest(() => 0) // 'z2-…' (16 hex digits)
 */
export function zoneRulesDigest(offsetAt: OffsetAt): string {
  return RULES_DIGEST_PREFIX + sha256(JSON.stringify(offsetChanges(offsetAt))).slice(0, 16);
}

/**
 * The version of the runtime's time zone data (`process.versions.tz`, such as '2025c'), which names the data
 * `zoneRules` reads; undefined when the runtime gives none.
 *
 * @example tzdataVersion() // '2025c' on Node 20
 */
export function tzdataVersion(): string | undefined {
  const version = process.versions.tz;
  return typeof version === 'string' && version !== '' ? version : undefined;
}

/** Digests by zone name, for the life of the process (a warm Lambda container computes each zone once). */
const digests = new Map<string, string>();

/**
 * The fingerprint of `timeZone`'s rules in this runtime's time zone data; 'unknown' for a zone it does
 * not know (a config names only zones it knows).
 *
 * @example zoneRules('Asia/Shanghai') // 'z2-…', the same on every runtime whose tzdata agrees on Shanghai
 */
export function zoneRules(timeZone: string): string {
  let digest = digests.get(timeZone);
  if (digest === undefined) {
    const source = zoneOffsetSource(timeZone);
    digest = source === undefined ? 'unknown' : zoneRulesDigest(source);
    // Zone names come from the site config: few. Bound the cache anyway.
    if (digests.size < 64) digests.set(timeZone, digest);
  }
  return digest;
}
