/** The messages between `WorkerCompute` and its threads (structured-cloned plain data). */
import type { SiteConfig } from '../model.js';
import type { ParseResult } from '../parse/parse-article.js';
import type { ArticleFile, ParseOptions } from '../ports.js';
import type { PreparedItem, PrepareRequest } from '../render/prepare-items.js';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'parse'; readonly site: SiteConfig; readonly files: readonly ArticleFile[]; readonly options?: ParseOptions }
  | { readonly id: number; readonly op: 'prepare'; readonly site: SiteConfig; readonly requests: readonly PrepareRequest[] };

export type WorkerResponse =
  | { readonly id: number; readonly result: readonly ParseResult[] | readonly PreparedItem[]; readonly error?: undefined }
  | { readonly id: number; readonly error: string; readonly result?: undefined };
