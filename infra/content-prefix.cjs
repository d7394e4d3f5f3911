// The content bucket's folder of Markdown, from `--param="contentPrefix=src/"` (default `content/`): the
// function's CONTENT_PREFIX, its read grant and the bucket's notification filters all use it, so that a
// site whose contentDir is not `content/` (uploaded with `feedpub upload --prefix src/`) is read and
// notified. Read by serverless.yml at package time, which fails here on a value the function, the CLI's
// `--prefix` or S3's filters would refuse (the rule is theirs: deploy-settings.cjs).
'use strict';

const { contentPrefixProblem } = require('./deploy-settings.cjs');

module.exports = async ({ resolveConfigurationProperty }) => {
  const prefix = String((await resolveConfigurationProperty(['custom', 'contentFolder'])) ?? '');
  const problem = contentPrefixProblem(prefix);
  if (problem !== undefined) throw new Error(`feedpub: contentPrefix ${problem}, not ${JSON.stringify(prefix)}`);
  return prefix;
};
