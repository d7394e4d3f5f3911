import { describe, expect, it } from 'vitest';
import * as directory from '../../../src/render/directory/index.js';

describe('src/render/directory/index.ts', () => {
  it('exposes the public API', () => {
    expect(Object.keys(directory).sort()).toEqual([
      'DIRECTORY_CACHE_CONTROL',
      'DISCOVERY_PATH',
      'OPML_CONTENT_TYPE',
      'directoryPages',
      'directoryStrings',
      'discoveryPagePath',
      'opmlPath',
      'renderDirectoryPages',
      'renderDiscovery',
      'renderOpml',
      'summarizeFeeds',
      'taxonomyLabel',
    ]);
  });
});
