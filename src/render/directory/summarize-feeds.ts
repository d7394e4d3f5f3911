import type { FeedSpec, SiteConfig } from '../../model.js';
import { absoluteUrl } from '../../plan/urls.js';
import { FORMAT_ORDER, feedFile } from '../formats.js';
import type { FeedSummary } from './feed-summary.js';

/** What `summarizeFeeds` reads of a planned feed (a `FeedPlan<T>` of any item type fits). */
export type PlannedFeed = Omit<FeedSpec, 'items' | 'description'> & { readonly items: readonly unknown[] };

/**
 * The directory's view of planned feeds: item count, newest date (`updated` of the plan) and the
 * URL of every format enabled in `site.feeds.formats`, at the planner's folder. Input order is kept.
 * RFC 5005 archive documents (`…/archive/N/`) are left out: readers reach them through the feed's
 * `prev-archive` link and never subscribe to them, so the directory, OPML and discovery list only
 * subscription feeds. The count is what `held` says a feed holds (fewer than planned when `maxBytes`
 * cut its files), else its planned items.
 *
 * @example
 * renderDirectoryPages(site, summarizeFeeds(site, planFeeds(site, published)));
 */
export function summarizeFeeds(site: SiteConfig, plans: readonly PlannedFeed[], held?: (plan: PlannedFeed) => number | undefined): FeedSummary[] {
  return plans
    .filter((plan) => plan.history?.archive !== true)
    .map((plan) => {
      const urls: Partial<Record<(typeof FORMAT_ORDER)[number], string>> = {};
      for (const format of FORMAT_ORDER) {
        if (site.feeds.formats.includes(format)) urls[format] = absoluteUrl(site, `${plan.dir}${feedFile(site, format)}`);
      }
      return {
        dir: plan.dir,
        kind: plan.kind,
        ...(plan.lang !== undefined ? { lang: plan.lang } : {}),
        ...(plan.languageCode !== undefined ? { languageCode: plan.languageCode } : {}),
        ...(plan.taxonomy !== undefined ? { taxonomy: plan.taxonomy } : {}),
        ...(plan.term !== undefined ? { term: plan.term } : {}),
        title: plan.title,
        link: plan.link,
        itemCount: held?.(plan) ?? plan.items.length,
        latest: plan.updated,
        urls,
      };
    });
}
