// The content bucket's folder of Markdown, from `--param="contentPrefix=src/"` (default `content/`): the
// function's CONTENT_PREFIX, its read grant and the bucket's notification filters all use it, so that a
// site whose contentDir is not `content/` (uploaded with `feedpub upload --prefix src/`) is read and
// notified. Read by serverless.yml at package time, which fails here on a value S3 filters cannot match.
'use strict';

module.exports = async ({ resolveConfigurationProperty }) => {
  const prefix = String((await resolveConfigurationProperty(['custom', 'contentFolder'])) ?? '');
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix) || prefix.split('/').some((part) => part === '.' || part === '..' || part === '_feedpub')) {
    throw new Error(`feedpub: contentPrefix must be a folder of the content bucket ending in "/" (content/, src/), not ${JSON.stringify(prefix)}`);
  }
  return prefix;
};
