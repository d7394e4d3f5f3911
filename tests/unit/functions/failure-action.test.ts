import { describe, expect, it } from 'vitest';
import { failureAction } from '../../../functions/failure-action.js';
import { NoSiteConfigError } from '../../../src/config/no-site-config-error.js';
import {
  CdnError,
  ConfigError,
  configErrorOf,
  EventError,
  ObjectTooLargeError,
  RunLimitError,
  SourceChangedError,
  StorageError,
  UnreadableObjectError,
  WriteConflictError,
} from '../../../src/errors.js';

const UNEXPECTED = /^unexpected: /;

describe('failureAction (what the run-failed log line tells an operator)', () => {
  it('gives every config error the config advice: one, several at once, none found', () => {
    const several = configErrorOf([new ConfigError('a', 'x', 'hugo.toml'), new ConfigError('b', 'y', 'hugo.toml')]);
    for (const error of [new ConfigError('timeZone', 'unknown', 'hugo.toml'), several, new NoSiteConfigError()]) {
      expect(failureAction(error), error.name).toMatch(/^fix the site config the message names/);
    }
  });

  it('says a page that changed again during the rerun needs nothing but the retry, not that it looks like a bug', () => {
    // rebuild runs again as a full run once, then throws it again so that Lambda retries.
    const action = failureAction(new SourceChangedError('content/posts/a.md'));
    expect(action).not.toMatch(UNEXPECTED);
    expect(action).toMatch(/changed again .*Lambda retries the batch/);
  });

  it('gives a storage error class its own advice before the storage advice', () => {
    expect(failureAction(new WriteConflictError('_feedpub/manifest.json'))).toMatch(/^another run replaced the manifest/);
    expect(failureAction(new UnreadableObjectError('content/a.md', 'archived'))).toMatch(/^most pages the run read cannot be read/);
    expect(failureAction(new ObjectTooLargeError('content/a.md', 10, 5))).toMatch(/^S3 refused or failed/);
    expect(failureAction(new StorageError('write', 's3://feeds/index.xml'))).toMatch(/^S3 refused or failed/);
  });

  it('advises on limits, the CDN and events, and calls anything else unexpected', () => {
    expect(failureAction(new RunLimitError('time', 'over'))).toMatch(/time or memory budget/);
    expect(failureAction(new CdnError('denied'))).toMatch(/^CloudFront refused/);
    expect(failureAction(new EventError('not an event'))).toMatch(/\{"action":"rebuild"\}/);
    // A name alone is no class: an error that only calls itself a config error is not one.
    expect(failureAction(Object.assign(new Error('x'), { name: 'ConfigError' }))).toMatch(UNEXPECTED);
    expect(failureAction(new TypeError('x is not a function'))).toMatch(UNEXPECTED);
    expect(failureAction('a string')).toMatch(UNEXPECTED);
  });
});
