// The stage (`--stage prod`, default `dev`), checked before anything reaches AWS. The stack is named
// `<service>-<stage>`, and the buckets' names are built from it (infra/storage.yml):
// `<stack>-<region>-content-<account id>` and `<stack>-<region>-feeds-<account id>`. S3 takes only
// lower-case letters, digits and hyphens there, and at most 63 characters: osls accepts an upper-case
// or long stage, and the deploy would then fail on the buckets, half-way through creating the stack.
// Read by serverless.yml at package time, which fails here with the rule that was broken.
'use strict';

/** The longest name a bucket of infra/storage.yml takes after the stack and region (an account id is 12 digits). */
const BUCKET_SUFFIXES = ['content', 'feeds'];
const ACCOUNT_ID_LENGTH = 12;
const MAX_BUCKET_NAME = 63;

module.exports = async ({ resolveConfigurationProperty }) => {
  const service = String((await resolveConfigurationProperty(['service'])) ?? '');
  const stage = String((await resolveConfigurationProperty(['provider', 'stage'])) ?? '');
  const region = String((await resolveConfigurationProperty(['provider', 'region'])) ?? '');
  // osls names the stack so (serverless.yml sets no provider.stackName).
  const stackName = `${service}-${stage}`;
  if (!/^[a-z0-9-]+$/.test(stage)) {
    throw new Error(
      `feedpub: stage ${JSON.stringify(stage)} must be lower-case letters, digits and hyphens only: the S3 bucket names are built from it (${stackName}-${region}-content-<account id>), and S3 takes no other character`,
    );
  }
  for (const suffix of BUCKET_SUFFIXES) {
    const length = `${stackName}-${region}-${suffix}-`.length + ACCOUNT_ID_LENGTH;
    if (length > MAX_BUCKET_NAME) {
      throw new Error(
        `feedpub: stage ${JSON.stringify(stage)} makes the S3 bucket name ${stackName}-${region}-${suffix}-<12-digit account id> ${length} characters long, over S3's ${MAX_BUCKET_NAME}: use a stage of at most ${stage.length - (length - MAX_BUCKET_NAME)} characters in ${region}`,
      );
    }
  }
  return stage;
};
