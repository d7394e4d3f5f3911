import type { ArticleEntry, ManifestFeed } from '../manifest.js';
import type { FeedFormat, OutputFile, SiteConfig } from '../model.js';
import { feedId } from '../plan/ids.js';
import type { FeedPlan } from '../plan/plan-feeds.js';
import { absoluteUrl } from '../plan/urls.js';
import { FORMAT_ORDER, feedFile, formatOfPath } from '../render/formats.js';
import type { RenderInput, RenderItem, renderFeedFiles } from '../render/render-feed.js';
import { loadValidation } from '../validate/load-validation.js';
import type { ItemPreparer } from './item-preparer.js';
import type { GateResult, Publisher } from './publisher.js';

/** One feed to write, and what it is written with. */
export interface FeedToWrite {
  readonly site: SiteConfig;
  readonly plan: FeedPlan<ArticleEntry>;
  /** What the manifest records of its inputs (kept only if every file passed the gate). */
  readonly fingerprint: string;
  /** The enabled formats, in {@link FORMAT_ORDER}. */
  readonly formats: readonly FeedFormat[];
  /** Its items, prepared. */
  readonly items: ItemPreparer;
  readonly render: typeof renderFeedFiles;
  /** The renderer is another than feedpub's own (a test's faulty one): each file is checked whole. */
  readonly otherRenderer: boolean;
  readonly publisher: Publisher;
}

/**
 * Renders one feed in every format and publishes the files that changed through the output gate; returns
 * the manifest's record of it (with the number of items it holds when `maxBytes` cut it).
 *
 * @example nextFeeds[plan.dir] = await writeFeed({ site, plan, fingerprint, formats, items, render: renderFeedFiles, otherRenderer: false, publisher });
 */
export async function writeFeed(feed: FeedToWrite): Promise<ManifestFeed> {
  const { site, plan, fingerprint, formats, items: prepared, render, otherRenderer, publisher } = feed;
  const { validateOutput, feedSkeletonProblems } = await loadValidation();
  const items: RenderItem[] = plan.items.map((entry) => prepared.itemFor(entry, plan, formats));
  const urls = Object.fromEntries(FORMAT_ORDER.map((f) => [f, absoluteUrl(site, plan.dir + feedFile(site, f))])) as Record<FeedFormat, string>;
  const input = (subset: readonly RenderItem[]): RenderInput => ({
    site,
    feed: { ...plan, items: subset.map((i) => i.article) },
    items: subset,
    feedId: feedId(site.feeds.idNamespace, plan.dir),
    urls,
    fragments: prepared.fragments,
    ...(site.feeds.hub !== undefined ? { hub: site.feeds.hub } : {}),
  });
  const { files, kept } = render(input(items));
  let gate: (file: OutputFile) => GateResult;
  if (!otherRenderer) {
    // feedpub's own serializers: the feed without items is checked here, each item was checked once
    // when prepared; together that is the whole file (see validateItemFragment).
    const skeleton = feedSkeletonProblems(input([]));
    gate = (file) => {
      const format = formatOfPath(site, file.path);
      const failures = [...(skeleton.get(file.path) ?? [])];
      let culprit: string | undefined;
      const ids = new Set<string>();
      for (const item of items.slice(0, kept)) {
        // The one rule across items: ids are unique (selection guarantees it; this keeps the gate
        // equal to a whole-file check).
        if (ids.has(item.article.id)) {
          culprit ??= item.article.key;
          failures.push(`item id ${item.article.id} is duplicated`);
        }
        ids.add(item.article.id);
        const bad = prepared.failuresOf(item.article.key).filter((f) => f.format === format);
        if (bad.length === 0) continue;
        culprit ??= item.article.key;
        failures.push(...bad.map((f) => `${f.format} item: ${f.message}`));
      }
      return { failures, ...(culprit !== undefined ? { culprit } : {}) };
    };
  } else {
    // Any other renderer is checked whole, and the culprit found by rendering items one by one.
    gate = (file) => {
      const failures = validateOutput(file.path, file.body);
      if (failures.length === 0) return { failures };
      const culprit = items.find((item) => render(input([item])).files.some((f) => f.path === file.path && validateOutput(f.path, f.body).length > 0))?.article
        .key;
      return { failures, ...(culprit !== undefined ? { culprit } : {}) };
    };
  }
  const { hashes, versions, gated } = await publisher.publishAll(files, gate);
  return { fingerprint: gated ? '' : fingerprint, files: hashes, versions, ...(kept < items.length ? { held: kept } : {}) };
}
