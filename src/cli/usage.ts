/** `feedpub --help`. */
export const MAIN_USAGE = `feedpub: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for Markdown sites

Usage:
  feedpub build [SITE_DIR] [--out DIR] [--base-url URL] [--strict] [--state DIR] [-q|--quiet]
  feedpub check [SITE_DIR] [--base-url URL] [--json] [-v|--verbose] [-q|--quiet]
  feedpub upload [SITE_DIR] --bucket NAME [--prefix content/] [--delete] [-n|--dry-run] [--concurrency N]
  feedpub rebuild --content-bucket NAME --feeds-bucket NAME [--distribution ID] [--invalidation MODE] [--free-paths N] [--region R] [--force] [--base-url URL] [--strict] [-q|--quiet]
  feedpub rebuild --function NAME [--region R] [--force] [--strict] [-q|--quiet]
  feedpub dev [SITE_DIR] [--port N] [--prefix content/] [--base-url URL]
  feedpub help COMMAND | COMMAND --help | --help | -V|--version

Commands:
  build    Build every feed of the site in SITE_DIR (default .) into a folder.
  check    Parse every article and the config as publishing would; print each problem.
  upload   Sync the site's config and Markdown to the content bucket (changed files only).
  rebuild  Rebuild the feeds from the buckets, in this process or by invoking the deployed function.
  dev      Local preview: a local S3 server, the function's rebuild on every change, feeds over HTTP.

Run feedpub COMMAND --help for a command's options. The README and docs/ in feedpub's package say
more (docs/cli.md: every option, exit code and problem code).

Environment: AWS_REGION, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and
AWS_ENDPOINT_URL_S3 (a URL such as http://127.0.0.1:4569) for an S3-compatible server
(path-style addressing).
  FEEDPUB_THREADS=N  build uses N threads: N - 1 worker threads parse and prepare items beside
                     the main one (default 2, or 1 on one core; the worker starts once a run has
                     more than 2,500 items); not a whole number from 1: a config error (exit 2)
  FEEDPUB_DEBUG=1    print the stack trace of an unexpected error (a bug in feedpub) after its
                     one-line message (any value but empty turns it on)

Exit codes: 0 done; 1 content rejected (check, or --strict); 2 usage or config error;
3 infrastructure failure (storage, network, credentials, the function, local files that cannot
be read or written).`;

/** Each command's `--help`. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  build: `Usage: feedpub build [SITE_DIR] [options]

Builds every feed of the site in SITE_DIR (default .) into a folder; writes only files whose bytes
changed.

Options:
  --out DIR        output folder (default: public)
  --base-url URL   absolute base URL, overriding the config's baseURL
  --strict         exit 1 when any article was rejected (or repeats another's id), and
                   write nothing (the output keeps the last good build)
  --state DIR      keep feedpub's manifest in DIR for incremental builds
  -q, --quiet      print nothing but errors
  -h, --help       show this help

Environment: FEEDPUB_THREADS=N uses N threads: N - 1 parse and prepare items beside the main one (default 2,
or 1 on one core; the second starts once a run has more than 2,500 items to parse or prepare).

Exit codes: 0 done; 1 an article rejected (with --strict); 2 usage or config error; 3 a file or
folder of the site, --out or --state that cannot be read or written (permissions, a full disk).`,

  check: `Usage: feedpub check [SITE_DIR] [options]

Parses every article and the config of SITE_DIR (default .) exactly as publishing would and prints
each problem as  file:line: severity: message [rule]: rejected articles, impossible or ambiguous
dates, front matter of the wrong type, tags or categories whose names share a slug, drafts and
future posts held back (info). Writes nothing.

Options:
  --base-url URL   absolute base URL, overriding the config's baseURL
  --json           print {"summary": ..., "problems": [...]} as JSON instead ({"configError": ...}
                   or {"readError": ...} when the config is invalid or a file cannot be read)
  -v, --verbose    also list each relative URL that publishing rewrites to an absolute one
  -q, --quiet      print only errors and the summary (with --json: only errors in "problems",
                   every problem still counted in "summary")
  -h, --help       show this help

Exit codes: 0 nothing rejected; 1 an article (or more) would be rejected; 2 usage or config error;
3 a file or folder of the site that cannot be read (permissions).`,

  upload: `Usage: feedpub upload [SITE_DIR] --bucket NAME [options]

Syncs the config files of SITE_DIR (hugo.*, config.* and feedpub.* at its root, and those Hugo
reads in config/_default/ and config/production/, in folders below too) and the Markdown of its
content folder (all that feedpub reads; images and other files are not sent) to the content bucket,
under the same keys. Sends only files whose bytes differ from the bucket's copy (compared by size
and ETag, or the sha256 in the object's metadata), config files first. Hidden files and folders
(.name) of the content folder are skipped.

Options:
  --bucket NAME      the content bucket (required)
  --prefix DIR/      content folder, in the site and in the bucket (default: content/); every
                     language's contentDir must be inside it
  --delete           delete the Markdown under the prefix that no longer exists locally, and
                     config files the site no longer has (nothing else, never _feedpub/)
  -n, --dry-run      print what would be uploaded and deleted; change nothing
  --concurrency N    parallel requests, 1-64 (default: 8)
  -h, --help         show this help

Credentials and region come from the AWS environment (AWS_PROFILE, AWS_REGION, ...);
AWS_ENDPOINT_URL_S3 points it at an S3-compatible server.
Exit codes: 0 done; 2 usage or config error; 3 storage, network or credential failure.`,

  rebuild: `Usage: feedpub rebuild --content-bucket NAME --feeds-bucket NAME [options]
       feedpub rebuild --function NAME [--region R] [--force] [--strict] [-q|--quiet]

The first form runs the function's reconcile in this process, with the function's adapters: the
site from the content bucket, feeds to the feeds bucket, state in the feeds bucket's _feedpub/, the
authors' report in the content bucket's _feedpub/report.json, CloudFront invalidated when
--distribution is given. The second form invokes the deployed function with {"action":"rebuild"}
and prints the summary it returns; while another run keeps the function busy it waits, up to 16
minutes (the function's 900 s timeout and a minute), then exits 3.

Options:
  --content-bucket NAME  the content bucket
  --feeds-bucket NAME    the feeds bucket
  --distribution ID      CloudFront distribution to invalidate
  --invalidation MODE    budget (default): the changed paths while this month's count
                         with them stays within the free paths, else /* (one path);
                         paths: always the changed paths; all: always /*. The count is
                         kept with the function's, in the manifest: give the
                         deployment's settings
  --free-paths N         the free invalidation paths a month (default 1000, CloudFront's;
                         less when other distributions of the account use some)
  --function NAME        invoke this deployed function instead (name or ARN)
  --region R             AWS region (default: AWS_REGION, else the profile's, else us-east-1)
  --force                ignore the manifest: re-read and re-render everything
  --base-url URL         override the config's baseURL (in-process only; the function would
                         publish other bytes on its next run)
  --strict               exit 1 when any article was rejected (or repeats another's id);
                         in-process, publish nothing then (the function invoked has
                         published already)
  -q, --quiet            print only errors and the summary
  -h, --help             show this help

Exit codes: 0 done; 1 articles rejected (with --strict); 2 usage or config error; 3 storage,
network, credential or function failure.`,

  dev: `Usage: feedpub dev [SITE_DIR] [options]

Local preview of the whole pipeline: starts a local S3-protocol server (s3rver) on 127.0.0.1 with
a content and a feeds bucket, uploads SITE_DIR (default .) with the upload code, rebuilds with the
function's own logic and adapters, then watches the site: each change is uploaded and rebuilt
(~200 ms after the last edit). The feeds are served over HTTP on 127.0.0.1:PORT for a feed reader
on this machine. Ctrl-C stops everything it started.

dev needs feedpub's dev dependencies (s3rver): run it from a checkout after \`npm install\`.

Options:
  --port N         HTTP port for the feeds (default: 8080; 0 picks a free one)
  --prefix DIR/    content folder (default: content/)
  --base-url URL   override the config's baseURL in the feeds
  -h, --help       show this help

Exit codes: 0 stopped by Ctrl-C; 2 usage or config error; 3 the local server failed.`,
};
