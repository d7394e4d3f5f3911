// The feeds' own domain name and its certificate, from `--param="domainName=…" --param="certificateArn=…"`
// (or a stage's `params` in serverless.yml): both, or neither. Read by serverless.yml at package time,
// which fails here rather than deploy a distribution that answers under another name than the feeds'
// baseURL: one without the other, or a certificate CloudFront cannot use (ACM, us-east-1 only).
'use strict';

module.exports = async ({ resolveConfigurationProperty }) => {
  const domainName = String((await resolveConfigurationProperty(['custom', 'domainName'])) ?? '');
  const certificateArn = String((await resolveConfigurationProperty(['custom', 'certificateArn'])) ?? '');
  if ((domainName === '') !== (certificateArn === '')) {
    throw new Error('feedpub: set both domainName and certificateArn (a custom domain needs its ACM certificate), or neither');
  }
  if (certificateArn !== '' && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)) {
    throw new Error(`feedpub: certificateArn must be an ACM certificate in us-east-1 (CloudFront's region), not ${certificateArn}`);
  }
  if (domainName !== '' && !/^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName)) {
    throw new Error(`feedpub: domainName must be a lower-case host name (feeds.example.org), not ${domainName}`);
  }
  return domainName === '' ? 'false' : 'true';
};
