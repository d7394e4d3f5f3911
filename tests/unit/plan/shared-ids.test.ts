import { describe, expect, it } from 'vitest';
import { UNDATED } from '../../../src/plan/date-sources.js';
import { selectPublished, sharedIdsResolved } from '../../../src/plan/select.js';

/** A page as the plan sees it: `news/<name>.md`, published on the given day of January 2025. */
function page(name: string, day: number, other: boolean, draft = false) {
  return {
    key: `content/news/${name}.md`,
    id: 'id:news/a',
    ...(other ? { idOther: `id:news/${name}` } : {}),
    publishAt: Date.UTC(2025, 0, day),
    published: Date.UTC(2025, 0, day),
    draft,
  };
}

/** The same page dated by its lastmod (or a custom key, or its file name) alone: no publishDate, live since always. */
function undated(name: string, day: number, other: boolean) {
  return { ...page(name, day, other), publishAt: UNDATED };
}

const LATER = Date.UTC(2026, 0, 1);
const idOf = (entries: readonly { key: string; id: string }[], name: string) => entries.find((e) => e.key === `content/news/${name}.md`)?.id;

describe('sharedIdsResolved', () => {
  it('leaves every entry as it is when no page has another id', () => {
    const entries = [page('a', 1, false), page('b', 2, false)];
    expect(sharedIdsResolved(entries)).toBe(entries);
  });

  it('leaves every entry as it is when no page with another id shares its id, or each keeps it', () => {
    // a.FR.md alone, and a.FR.md published first beside the newer a.md, which has no other id.
    for (const entries of [
      [page('a.FR', 5, true), { ...page('b', 1, false), id: 'id:news/b' }],
      [page('a.FR', 1, true), page('a', 5, false)],
    ]) {
      expect(sharedIdsResolved(entries)).toBe(entries);
    }
  });

  it('gives a.FR.md its own id beside an older a.md, which keeps the shared one: both published', () => {
    const resolved = sharedIdsResolved([page('a.FR', 5, true), page('a', 1, false)]);
    expect(idOf(resolved, 'a.FR')).toBe('id:news/a.FR');
    expect(idOf(resolved, 'a')).toBe('id:news/a');
    expect(selectPublished(resolved, LATER).held).toEqual([]);
  });

  it('leaves a.FR.md, published first, the id it was published with; the newer a.md is held back as before', () => {
    // An upgrade or a sibling added later must not hand a published guid to another article.
    const resolved = sharedIdsResolved([page('a.FR', 1, true), page('a', 5, false)]);
    expect(idOf(resolved, 'a.FR')).toBe('id:news/a');
    const selection = selectPublished(resolved, LATER);
    expect(selection.published.map((e) => e.key)).toEqual(['content/news/a.FR.md']);
    expect(selection.held.map((h) => [h.entry.key, h.reason])).toEqual([['content/news/a.md', 'duplicate-id']]);
  });

  it('keeps the id with the page that went live first by its date when a page has no publishDate, as before RENDER_VERSION 42', () => {
    // a.FR.md dated by its lastmod alone is live since always (Hugo 0.111), but went live after a.md: the
    // id a.md was published with stays with it, and a.FR.md takes its own, at the upgrade too.
    const resolved = sharedIdsResolved([page('a', 1, false), undated('a.FR', 5, true)]);
    expect([idOf(resolved, 'a'), idOf(resolved, 'a.FR')]).toEqual(['id:news/a', 'id:news/a.FR']);
    expect(selectPublished(resolved, LATER).held).toEqual([]);
    // Two pages with one front matter id, the older by its date dated by lastmod alone: it keeps the id.
    const shared = [page('new', 5, false), undated('old', 1, false)];
    const selection = selectPublished(shared, LATER);
    expect(selection.published.map((e) => e.key)).toEqual(['content/news/old.md']);
    expect(selection.held.map((h) => [h.entry.key, h.reason])).toEqual([['content/news/new.md', 'duplicate-id']]);
  });

  it('does not let a draft keep the id: the first page that is no draft does', () => {
    const resolved = sharedIdsResolved([page('a', 1, false, true), page('a.FR', 5, true)]);
    expect(idOf(resolved, 'a.FR')).toBe('id:news/a');
  });

  it('keeps the id for the first of pages that are all drafts, and moves the others that have their own', () => {
    const resolved = sharedIdsResolved([page('a.FR', 5, true, true), page('a', 1, false, true), page('a.DE', 3, true, true)]);
    expect(resolved.map((e) => e.id)).toEqual(['id:news/a.FR', 'id:news/a', 'id:news/a.DE']);
  });

  it('moves no page that has the other id of the keeper too (one page in Hugo): it keeps the shared id, held back as a copy', () => {
    const twin = { ...page('a.FR.en', 5, false), idOther: 'id:news/a.FR' };
    const resolved = sharedIdsResolved([page('a.FR', 1, true), twin]);
    expect(resolved.map((e) => e.id)).toEqual(['id:news/a', 'id:news/a']);
    expect(selectPublished(resolved, LATER).held.map((h) => [h.entry.key, h.reason])).toEqual([['content/news/a.FR.en.md', 'duplicate-id']]);
  });

  it('keeps the id for the first in input order when two go live at once, and moves the other', () => {
    const resolved = sharedIdsResolved([page('a.Fr', 3, true), page('a.fR', 3, true)]);
    expect(resolved.map((e) => e.id)).toEqual(['id:news/a', 'id:news/a.fR']);
  });
});
