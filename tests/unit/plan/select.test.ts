import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNDATED } from '../../../src/plan/date-sources.js';
import { selectPublished } from '../../../src/plan/select.js';

describe('selectPublished', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  const base = { key: 'k', draft: false, publishAt: now - 1, published: now - 1 };

  it('holds drafts, future and expired posts and reports the next change', () => {
    const selection = selectPublished(
      [
        { ...base, key: 'live', id: 'live', expiresAt: now + 5000 },
        { ...base, key: 'draft', id: 'draft', draft: true },
        { ...base, key: 'future', id: 'future', publishAt: now + 1000 },
        { ...base, key: 'expired', id: 'expired', expiresAt: now },
      ],
      now,
    );
    expect(selection.published.map((e) => e.key)).toEqual(['live']);
    expect(selection.held.map((h) => [h.entry.key, h.reason])).toEqual([
      ['draft', 'draft'],
      ['future', 'future'],
      ['expired', 'expired'],
    ]);
    expect(selection.nextChangeAt).toBe(now + 1000);
    expect(selection.lastChangeAt).toBe(now); // the expiry just passed; the live posts went live at now - 1
  });

  it('reports the last change up to now: the latest go-live or expiry passed, drafts aside', () => {
    const live = { ...base, key: 'live', id: 'live', publishAt: now - 50 };
    expect(selectPublished([live], now).lastChangeAt).toBe(now - 50);
    expect(selectPublished([live, { ...base, key: 'x', id: 'x', publishAt: now - 90, expiresAt: now - 10 }], now).lastChangeAt).toBe(now - 10);
    expect(selectPublished([live, { ...base, key: 'd', id: 'd', draft: true, publishAt: now - 5 }], now).lastChangeAt).toBe(now - 50);
    expect(selectPublished([{ ...base, key: 'f', id: 'f', publishAt: now + 5 }], now).lastChangeAt).toBeUndefined();
  });

  it('holds back a live article whose id an article that went live earlier has, naming that one', () => {
    const [a, b, c, d, e] = [
      { ...base, key: 'a', id: 'urn:x', publishAt: now - 10 }, // a copy, newer, but first by key
      { ...base, key: 'b', id: 'urn:y' },
      { ...base, key: 'c', id: 'urn:x', publishAt: now - 20 }, // the original
      { ...base, key: 'd', id: 'urn:y', draft: true }, // a draft does not compete
      { ...base, key: 'e', id: 'urn:y' }, // went live with b: b comes first
    ];
    const selection = selectPublished([a, b, c, d, e], now);
    expect(selection.published).toEqual([b, c]);
    expect(selection.held).toEqual([
      { entry: a, reason: 'duplicate-id', duplicateOf: c },
      { entry: d, reason: 'draft' },
      { entry: e, reason: 'duplicate-id', duplicateOf: b },
    ]);
    // Only live articles hold an id: once the original expires, the copy is published (and the run that
    // holds the copy back wakes up then).
    const expiring = { ...c, expiresAt: now + 60_000 };
    expect(selectPublished([a, expiring], now).nextChangeAt).toBe(now + 60_000);
    expect(selectPublished([a, { ...c, expiresAt: now }], now).published).toEqual([a]);
  });

  it('selects as the rules say, with and without shared ids (property, against a plain model)', () => {
    type E = { key: string; id: string; draft: boolean; publishAt: number; published: number; expiresAt?: number };
    // A page without a publishDate (publishAt UNDATED) went live at its date, for which keeps a shared id.
    const liveFrom = (e: E) => (e.publishAt === UNDATED ? e.published : e.publishAt);
    const model = (entries: readonly E[]) => {
      const reasonOf = (e: E) => (e.draft ? 'draft' : e.publishAt > now ? 'future' : e.expiresAt !== undefined && e.expiresAt <= now ? 'expired' : undefined);
      const live = entries.filter((e) => reasonOf(e) === undefined);
      const holderOf = (id: string) => live.filter((e) => e.id === id).reduce((first, e) => (liveFrom(e) < liveFrom(first) ? e : first));
      const published: E[] = [];
      const held: { entry: E; reason: string; duplicateOf?: E }[] = [];
      const next: number[] = [];
      const last: number[] = [];
      for (const e of entries) {
        const reason = reasonOf(e);
        if (!e.draft && e.publishAt <= now) last.push(e.publishAt);
        if (!e.draft && e.expiresAt !== undefined && e.expiresAt <= now) last.push(e.expiresAt);
        if (reason !== undefined) {
          held.push({ entry: e, reason });
          if (reason === 'future') next.push(e.publishAt);
        } else if (holderOf(e.id) !== e) {
          const owner = holderOf(e.id);
          held.push({ entry: e, reason: 'duplicate-id', duplicateOf: owner });
          if (owner.expiresAt !== undefined) next.push(owner.expiresAt);
        } else {
          published.push(e);
          if (e.expiresAt !== undefined) next.push(e.expiresAt);
        }
      }
      return {
        published,
        held,
        ...(next.length > 0 ? { nextChangeAt: Math.min(...next) } : {}),
        ...(last.length > 0 ? { lastChangeAt: Math.max(...last) } : {}),
      };
    };
    const at = fc.integer({ min: -3, max: 3 }).map((d) => now + d * 1000);
    const entries = fc
      .array(
        fc.record(
          {
            id: fc.constantFrom('urn:a', 'urn:b', 'urn:c', 'urn:d', 'urn:e', 'urn:f'),
            draft: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
            publishAt: fc.oneof(at, fc.constant(UNDATED)),
            published: at,
            expiresAt: at,
          },
          { requiredKeys: ['id', 'draft', 'publishAt', 'published'] },
        ),
        { maxLength: 8 },
      )
      .map((list) => list.map((e, i): E => ({ ...e, key: `k${i}` })));
    fc.assert(
      fc.property(entries, (list) => {
        expect(selectPublished(list, now)).toEqual(model(list));
      }),
      { numRuns: 2000 },
    );
  });
});
