/**
 * Subscriber-facing extras rendered from the list of feeds: the feed directory page, OPML 2.0
 * subscription lists and the discovery map of `<link rel="alternate">` tags.
 */
export { DIRECTORY_CACHE_CONTROL, DISCOVERY_PATH, directoryPages, opmlPath } from './directory-paths.js';
export { directoryStrings, taxonomyLabel } from './directory-strings.js';
export type { FeedSummary } from './feed-summary.js';
export { discoveryPagePath, renderDiscovery } from './render-discovery.js';
export { renderDirectoryPages } from './render-directory-pages.js';
export { OPML_CONTENT_TYPE, renderOpml } from './render-opml.js';
export { type PlannedFeed, summarizeFeeds } from './summarize-feeds.js';
