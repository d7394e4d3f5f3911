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

describe('selectPublished at the edges', () => {
  const now = Date.parse('2025-06-01T00:00:00Z');
  /** A page with its own id, live since a minute before `now` unless told otherwise. */
  const post = (key: string, extra: { id?: string; draft?: boolean; publishAt?: number; published?: number; expiresAt?: number } = {}) => ({
    key,
    id: `urn:${key}`,
    draft: false,
    publishAt: now - 60_000,
    published: now - 60_000,
    ...extra,
  });

  it('selects nothing from no entries, and names no change at all', () => {
    expect(selectPublished([], now)).toStrictEqual({ published: [], held: [] });
  });

  it('publishes a post whose publishAt is exactly now, which is the last change', () => {
    const due = post('due', { publishAt: now });
    const selection = selectPublished([post('old'), due], now);
    expect(selection.published).toEqual([post('old'), due]);
    expect(selection.held).toEqual([]);
    expect(selection.lastChangeAt).toBe(now);
    expect(selection.nextChangeAt).toBeUndefined();
  });

  it('holds a post a millisecond before its publishAt, which is the next change, and not the last', () => {
    const soon = post('soon', { publishAt: now + 1 });
    const selection = selectPublished([soon], now);
    expect(selection).toStrictEqual({ published: [], held: [{ entry: soon, reason: 'future' }], nextChangeAt: now + 1 });
  });

  it('holds a post whose expiresAt is exactly now, which is the last change; one that expires a millisecond later is live until then', () => {
    const gone = post('gone', { expiresAt: now });
    const going = post('going', { expiresAt: now + 1 });
    const selection = selectPublished([gone, going], now);
    expect(selection.published).toEqual([going]);
    expect(selection.held).toEqual([{ entry: gone, reason: 'expired' }]);
    expect(selection.lastChangeAt).toBe(now);
    expect(selection.nextChangeAt).toBe(now + 1);
  });

  it('counts an expired post s publishAt and expiresAt toward the last change, neither toward the next', () => {
    const expired = post('expired', { publishAt: now - 5000, expiresAt: now - 3000 });
    expect(selectPublished([expired], now)).toStrictEqual({ published: [], held: [{ entry: expired, reason: 'expired' }], lastChangeAt: now - 3000 });
    // Went live after another expired: its going live is the last change.
    const later = post('later', { publishAt: now - 1000 });
    expect(selectPublished([later, expired], now).lastChangeAt).toBe(now - 1000);
    expect(selectPublished([expired, later], now).lastChangeAt).toBe(now - 1000);
  });

  it('never counts a draft toward the last or the next change, whatever its times', () => {
    const drafts = [
      post('d1', { draft: true, publishAt: now }),
      post('d2', { draft: true, publishAt: now - 10, expiresAt: now }),
      post('d3', { draft: true, publishAt: now + 10, expiresAt: now + 20 }),
      post('d4', { draft: true, publishAt: now - 10, expiresAt: now + 20 }),
    ];
    const selection = selectPublished(drafts, now);
    expect(selection).toStrictEqual({ published: [], held: drafts.map((entry) => ({ entry, reason: 'draft' })) });
    // Beside a live post, the times are that post s alone.
    const live = post('live', { publishAt: now - 100, expiresAt: now + 100 });
    const beside = selectPublished([...drafts, live], now);
    expect([beside.lastChangeAt, beside.nextChangeAt]).toEqual([now - 100, now + 100]);
  });

  it('names a draft held as a draft whatever its times, before future or expired', () => {
    const selection = selectPublished([post('f', { draft: true, publishAt: now + 10 }), post('e', { draft: true, expiresAt: now - 10 })], now);
    expect(selection.held.map((h) => h.reason)).toEqual(['draft', 'draft']);
  });

  it('names the next change from future posts only by when they go live, and from live posts by when they expire', () => {
    const future = post('future', { publishAt: now + 3000, expiresAt: now + 9000 });
    const sooner = post('sooner', { publishAt: now + 2000 });
    const live = post('live', { expiresAt: now + 5000 });
    expect(selectPublished([future, live], now).nextChangeAt).toBe(now + 3000);
    expect(selectPublished([live, future, sooner], now).nextChangeAt).toBe(now + 2000);
    expect(selectPublished([post('soon-gone', { expiresAt: now + 1000 }), future], now).nextChangeAt).toBe(now + 1000);
    // An expired post, whenever it went live, is no next change; nor is a live post without an expiry.
    expect(selectPublished([post('expired', { publishAt: now - 9000, expiresAt: now - 1000 }), post('plain'), live], now).nextChangeAt).toBe(now + 5000);
  });

  it('takes the latest of the passed times as the last change, the earliest of those ahead as the next, in any order', () => {
    const entries = [
      post('a', { publishAt: now - 300, expiresAt: now + 300 }),
      post('b', { publishAt: now - 100, expiresAt: now + 200 }),
      post('c', { publishAt: now - 200, expiresAt: now + 400 }),
      post('d', { publishAt: now + 250 }),
    ];
    for (const order of [entries, [...entries].reverse()]) {
      const selection = selectPublished(order, now);
      expect([selection.lastChangeAt, selection.nextChangeAt]).toEqual([now - 100, now + 200]);
    }
  });

  it('keeps input order in what it publishes and in what it holds', () => {
    const [z, y, x, w] = [post('z'), post('y', { draft: true }), post('x'), post('w', { publishAt: now + 1 })];
    const selection = selectPublished([z, y, x, w], now);
    expect(selection.published).toEqual([z, x]);
    expect(selection.held.map((h) => h.entry)).toEqual([y, w]);
    // The very entries given, not copies.
    expect(selection.published[0]).toBe(z);
    expect(selection.held[0]?.entry).toBe(y);
  });

  describe('live articles sharing an id', () => {
    it('lets the one that went live first keep the id, whatever the input order, and holds the others naming it', () => {
      const first = post('first', { id: 'urn:s', publishAt: now - 3000 });
      const second = post('second', { id: 'urn:s', publishAt: now - 2000 });
      const third = post('third', { id: 'urn:s', publishAt: now - 1000 });
      for (const order of [
        [first, second, third],
        [third, second, first],
        [second, first, third],
      ]) {
        const selection = selectPublished(order, now);
        expect(selection.published).toEqual([first]);
        expect(selection.held).toEqual(order.filter((e) => e !== first).map((entry) => ({ entry, reason: 'duplicate-id', duplicateOf: first })));
      }
    });

    it('lets the first in input order keep the id when they went live at the same time', () => {
      const a = post('a', { id: 'urn:s' });
      const b = post('b', { id: 'urn:s' });
      expect(selectPublished([a, b], now).held).toEqual([{ entry: b, reason: 'duplicate-id', duplicateOf: a }]);
      expect(selectPublished([b, a], now).held).toEqual([{ entry: a, reason: 'duplicate-id', duplicateOf: b }]);
    });

    it('goes by the date of a page without a publishDate (publishAt UNDATED) for which went live first', () => {
      const undatedOld = post('undated-old', { id: 'urn:s', publishAt: UNDATED, published: now - 5000 });
      const dated = post('dated', { id: 'urn:s', publishAt: now - 3000, published: now - 3000 });
      const undatedNew = post('undated-new', { id: 'urn:s', publishAt: UNDATED, published: now - 1000 });
      expect(selectPublished([dated, undatedNew], now).published).toEqual([dated]);
      expect(selectPublished([undatedNew, dated], now).published).toEqual([dated]);
      expect(selectPublished([dated, undatedOld, undatedNew], now).published).toEqual([undatedOld]);
      // Dated, a page goes by its publishAt, not its date.
      const late = post('late', { id: 'urn:s', publishAt: now - 6000, published: now - 500 });
      expect(selectPublished([undatedOld, late], now).published).toEqual([late]);
    });

    it('lets no draft, future or expired article keep the id, however early it went or goes live', () => {
      const live = post('live', { id: 'urn:s', publishAt: now - 1000 });
      const others = [
        post('draft', { id: 'urn:s', draft: true, publishAt: now - 9000 }),
        post('expired', { id: 'urn:s', publishAt: now - 9000, expiresAt: now - 5000 }),
        post('future', { id: 'urn:s', publishAt: now + 1000 }),
      ];
      for (const order of [
        [...others, live],
        [live, ...others],
      ]) {
        const selection = selectPublished(order, now);
        expect(selection.published).toEqual([live]);
        expect(selection.held.map((h) => h.reason).sort()).toEqual(['draft', 'expired', 'future']);
      }
    });

    it('names the next change of a held article as its keeper s expiry, and keeps every other time', () => {
      const keeper = post('keeper', { id: 'urn:s', publishAt: now - 3000 });
      const copy = post('copy', { id: 'urn:s', publishAt: now - 2000 });
      const future = post('future', { publishAt: now + 7000 });
      // A keeper that never expires: the next change is another post s.
      for (const order of [
        [keeper, copy, future],
        [future, copy, keeper],
      ]) {
        expect(selectPublished(order, now)).toMatchObject({ nextChangeAt: now + 7000, lastChangeAt: now - 2000 });
      }
      const expiring = { ...keeper, expiresAt: now + 60_000 };
      expect(selectPublished([copy, expiring, future], now).nextChangeAt).toBe(now + 7000);
      expect(selectPublished([copy, expiring], now).nextChangeAt).toBe(now + 60_000);
      expect(selectPublished([expiring, future, copy], now).nextChangeAt).toBe(now + 7000);
    });

    it('holds only the copies of each shared id, publishing the rest in input order', () => {
      const [a1, b1, c, a2, b2] = [
        post('a1', { id: 'urn:a', publishAt: now - 100 }),
        post('b1', { id: 'urn:b', publishAt: now - 50 }),
        post('c'),
        post('a2', { id: 'urn:a', publishAt: now - 200 }),
        post('b2', { id: 'urn:b', publishAt: now - 10 }),
      ];
      const selection = selectPublished([a1, b1, c, a2, b2], now);
      expect(selection.published).toEqual([b1, c, a2]);
      expect(selection.held).toEqual([
        { entry: a1, reason: 'duplicate-id', duplicateOf: a2 },
        { entry: b2, reason: 'duplicate-id', duplicateOf: b1 },
      ]);
    });
  });
});
