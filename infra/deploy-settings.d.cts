// Types of deploy-settings.cjs, for the TypeScript that imports it (functions/env.ts, the CLI's flags).

/** The report's folder in the content bucket (REPORT_PREFIX's default). */
export declare const DEFAULT_REPORT_PREFIX: string;
/** The most free invalidation paths a month a setting takes. */
export declare const MAX_FREE_PATHS: number;
/** What is wrong with a folder of the content bucket, or undefined. */
export declare function folderProblem(prefix: string): string | undefined;
/** What is wrong with the content folder of the content bucket (a folder apart from the report's), or undefined. */
export declare function contentPrefixProblem(prefix: string, reportPrefix?: string): string | undefined;
/** What is wrong with an S3 bucket name, or undefined. */
export declare function bucketNameProblem(name: string): string | undefined;
/** What is wrong with the free invalidation paths a month, or undefined. */
export declare function freePathsProblem(value: string): string | undefined;
