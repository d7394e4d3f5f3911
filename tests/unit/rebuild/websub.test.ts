import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/model.js';
import { noopCdn, silentLogger } from '../../../src/ports.js';
import { notifyHub } from '../../../src/rebuild/websub.js';

describe('notifyHub', () => {
  it('keeps every ping for the next run when the hub client rejects with a bare string, and says so with that reason', async () => {
    // Prepare: a hub whose client rejects with something that is not an Error; two changed feeds, nothing to invalidate.
    const hub = { publish: () => Promise.reject('socket hang up') };
    const problems: Problem[] = [];
    // Act
    const pending = await notifyHub({
      hub,
      hubUrl: 'https://hub.example/',
      cdn: noopCdn,
      logger: silentLogger,
      toPing: ['https://x.org/tags/go/index.xml', 'https://x.org/index.xml'],
      invalidation: 'none',
      timeLeft: () => undefined,
      problems,
    });
    // Assess: both kept, sorted, and the warning quotes the reason as given.
    expect(pending).toEqual(['https://x.org/index.xml', 'https://x.org/tags/go/index.xml']);
    expect(problems).toEqual([
      {
        file: '(site)',
        severity: 'warning',
        rule: 'hub-unreachable',
        message: 'the WebSub hub https://hub.example/ could not be notified of 2 of 2 feeds (socket hang up); the next run tries again',
      },
    ]);
  });
});
