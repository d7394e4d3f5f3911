// The rules of the deployment's settings, in one place for the three that read them: serverless.yml's
// checks at package time (infra/*.cjs, CommonJS, which osls requires), the function's environment
// (functions/env.ts: CONTENT_PREFIX, REPORT_PREFIX, CONTENT_BUCKET, FEEDS_BUCKET, CDN_FREE_PATHS) and the
// CLI's flags (--prefix, --bucket, --content-bucket, --feeds-bucket, --free-paths), so that a value one of
// them accepts the others accept too. Each function returns what is wrong with a value, in words that
// follow its name ("must be …"), or undefined when it is fine. Types: deploy-settings.d.cts.
'use strict';

/** The report's folder in the content bucket, where the function writes `report.json` (REPORT_PREFIX's default). */
const DEFAULT_REPORT_PREFIX = '_feedpub/';

/** The most free invalidation paths a month a setting takes (nine digits: no account has more). */
const MAX_FREE_PATHS = 999_999_999;

/**
 * What is wrong with a folder of the content bucket (`content/`, `site/src/`): it must be relative, end
 * in "/", and have folders of letters, digits, ".", "_" and "-" only, none empty, "." or "..": S3's
 * notification filters, the function's IAM grants (where `*` and `?` are wildcards) and the CLI's sync
 * all take it as written.
 *
 * @param {string} prefix
 * @returns {string | undefined}
 * @example folderProblem('content') // 'must be a folder ending in "/", such as content/'
 */
function folderProblem(prefix) {
  if (!prefix.endsWith('/')) return 'must be a folder ending in "/", such as content/';
  const parts = prefix.slice(0, -1).split('/');
  if (prefix.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    return 'must be a relative folder ending in "/", with no empty, "." or ".." folder (content/, site/src/)';
  }
  if (parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part))) return 'must be folders of letters, digits, ".", "_" and "-" only, ending in "/"';
  return undefined;
}

/**
 * What is wrong with the content folder of the content bucket: a folder (see folderProblem) that is not
 * the report's folder, nor within it or around it.
 *
 * @param {string} prefix
 * @param {string} [reportPrefix]
 * @returns {string | undefined}
 * @example contentPrefixProblem('_feedpub/') // 'must lie apart from _feedpub/, the folder of feedpub's report (…)'
 */
function contentPrefixProblem(prefix, reportPrefix = DEFAULT_REPORT_PREFIX) {
  const problem = folderProblem(prefix);
  if (problem !== undefined) return problem;
  if (prefix.startsWith(reportPrefix) || reportPrefix.startsWith(prefix)) {
    return `must lie apart from ${reportPrefix}, the folder of feedpub's report (be neither it nor a folder within or around it)`;
  }
  return undefined;
}

/**
 * What is wrong with an S3 bucket name, by S3's rules for general purpose buckets: 3 to 63 lower-case
 * letters, digits, "." and "-", starting and ending with a letter or digit, no two "." in a row, not an IP
 * address, and none of the prefixes and suffixes S3 keeps for itself.
 *
 * @param {string} name
 * @returns {string | undefined}
 * @example bucketNameProblem('a..b') // 'is not a valid S3 bucket name: two "." in a row'
 */
function bucketNameProblem(name) {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
    return 'is not a valid S3 bucket name (3 to 63 lower-case letters, digits, "." and "-", starting and ending with a letter or digit)';
  }
  if (name.includes('..')) return 'is not a valid S3 bucket name: two "." in a row';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'is not a valid S3 bucket name: an IP address';
  const reserved = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((start) => name.startsWith(start)) ?? ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((end) => name.endsWith(end));
  if (reserved !== undefined) return `is not a valid S3 bucket name: S3 keeps ${reserved} for itself`;
  return undefined;
}

/**
 * What is wrong with the free invalidation paths a month (white space around it is allowed): a whole
 * number from 0 to 999999999, in digits.
 *
 * @param {string} value
 * @returns {string | undefined}
 * @example freePathsProblem('1e3') // 'must be a whole number of paths from 0 to 999999999 (CloudFront gives 1000 a month)'
 */
function freePathsProblem(value) {
  const digits = value.trim();
  if (!/^\d+$/.test(digits) || Number(digits) > MAX_FREE_PATHS) {
    return `must be a whole number of paths from 0 to ${MAX_FREE_PATHS} (CloudFront gives 1000 a month)`;
  }
  return undefined;
}

module.exports = { DEFAULT_REPORT_PREFIX, MAX_FREE_PATHS, bucketNameProblem, contentPrefixProblem, folderProblem, freePathsProblem };
