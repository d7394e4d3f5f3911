import { resolveSiteConfig } from '../../src/config/site-config.js';
import type { SiteConfig } from '../../src/model.js';

/** A fresh multilingual site config (en at the root, zh-cn under zh-cn/) for tests. */
export function testSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return resolveSiteConfig(
    {
      baseURL: 'https://example.com/',
      title: 'News',
      timeZone: 'Asia/Shanghai',
      defaultContentLanguage: 'en',
      languages: {
        en: { contentDir: 'content/en', weight: 1 },
        'zh-CN': { contentDir: 'content/zh-CN', weight: 2, title: '新闻' },
      },
      ...overrides,
    },
    { file: 'hugo.toml' },
  );
}
