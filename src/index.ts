/**
 * feedpub's public surface: the use case, its ports, the model and the errors. Shells (the Lambda, the
 * CLI) and tests import this and `src/adapters/`.
 */
export { isConfigKey } from './config/config-keys.js';
export { isMarkdownKey } from './parse/pages.js';
export {
  CdnError,
  ConfigError,
  EventError,
  ObjectTooLargeError,
  PublisherError,
  RunLimitError,
  SourceChangedError,
  StorageError,
  UnreadableObjectError,
  WriteConflictError,
} from './errors.js';
export type { Article, FeedFormat, FeedOptions, FeedSpec, LanguageConfig, OutputFile, Person, Problem, SiteConfig, Taxonomy } from './model.js';
export {
  type Cdn,
  type Clock,
  type Hub,
  type InvalidateOptions,
  type InvalidationSent,
  type Logger,
  noopCdn,
  type ReadOptions,
  type Scheduler,
  type Storage,
  type StoredObject,
  silentLogger,
  type WriteRequest,
} from './ports.js';
export { type RebuildDeps, type RebuildOptions, type RebuildReport, type RunLimits, rebuild } from './rebuild.js';
export type { ShardCache } from './manifest.js';
export {
  FREE_INVALIDATION_PATHS,
  INVALIDATION_MODES,
  type InvalidationMode,
  type InvalidationPolicy,
  type InvalidationReport,
} from './rebuild/invalidation-budget.js';
