// CloudFront's price class, from `--param="priceClass=PriceClass_200"` (default PriceClass_100: North America
// and Europe). A site read in Asia (the reference site's zh-CN and zh-HK readers) is served from Hong
// Kong, Singapore or Tokyo only with PriceClass_200 or PriceClass_All, at a higher price per GB there.
// Read by serverless.yml at package time, which fails here on a value CloudFront does not know.
'use strict';

const CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'];

module.exports = async ({ resolveConfigurationProperty }) => {
  const value = String((await resolveConfigurationProperty(['custom', 'priceClassParam'])) ?? '');
  if (!CLASSES.includes(value)) {
    throw new Error(`feedpub: priceClass must be one of ${CLASSES.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return value;
};
