import { describe, expect, it } from 'vitest';
import { selectPublished, sharedIdsResolved } from '../../../src/plan/select.js';

/** A page as the plan sees it: `news/<name>.md`, published on the given day of January 2025. */
function page(name: string, day: number, other: boolean, draft = false) {
  return {
    key: `content/news/${name}.md`,
    id: 'id:news/a',
    ...(other ? { idOther: `id:news/${name}` } : {}),
    publishAt: Date.UTC(2025, 0, day),
    draft,
  };
}

const LATER = Date.UTC(2026, 0, 1);
const idOf = (entries: readonly { key: string; id: string }[], name: string) => entries.find((e) => e.key === `content/news/${name}.md`)?.id;

describe('sharedIdsResolved', () => {
  it('leaves every entry as it is when no page has another id', () => {
    const entries = [page('a', 1, false), page('b', 2, false)];
    expect(sharedIdsResolved(entries)).toBe(entries);
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

  it('does not let a draft keep the id: the first page that is no draft does', () => {
    const resolved = sharedIdsResolved([page('a', 1, false, true), page('a.FR', 5, true)]);
    expect(idOf(resolved, 'a.FR')).toBe('id:news/a');
  });

  it('keeps the id for the first in input order when two go live at once, and moves the other', () => {
    const resolved = sharedIdsResolved([page('a.Fr', 3, true), page('a.fR', 3, true)]);
    expect(resolved.map((e) => e.id)).toEqual(['id:news/a', 'id:news/a.fR']);
  });
});
