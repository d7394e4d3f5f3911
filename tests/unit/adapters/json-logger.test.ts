import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../../src/adapters/json-logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const sink = capture();
    const logger = createJsonLogger({ write: sink.write, base: { service: 'feedpub' } });
    logger.info('rebuilt', { written: 3 });
    logger.warn('slow');
    logger.error('failed', { key: 'a' });
    expect(sink.lines.map((line) => JSON.parse(line))).toEqual([
      { level: 'info', message: 'rebuilt', service: 'feedpub', written: 3 },
      { level: 'warn', message: 'slow', service: 'feedpub' },
      { level: 'error', message: 'failed', service: 'feedpub', key: 'a' },
    ]);
    for (const line of sink.lines) expect(line).not.toContain('\n');
    expect(sink.lines[0]).toMatch(/^\{"level":"info","message":"rebuilt"/);
  });

  it('never lets fields overwrite level or message', () => {
    const sink = capture();
    createJsonLogger({ write: sink.write }).info('real', { level: 'error', message: 'fake' });
    expect(JSON.parse(sink.lines[0] ?? '')).toEqual({ level: 'info', message: 'real' });
  });

  it('writes errors with their cause, bigints and cycles as valid JSON', () => {
    const sink = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const error = new TypeError('outer', { cause: new Error('inner') });
    createJsonLogger({ write: sink.write }).error('boom', { error, big: 10n, cyclic, multi: 'a\nb' });
    expect(sink.lines).toHaveLength(1);
    expect(JSON.parse(sink.lines[0] ?? '')).toEqual({
      level: 'error',
      message: 'boom',
      error: { name: 'TypeError', message: 'outer', cause: { name: 'Error', message: 'inner' } },
      big: '10',
      cyclic: { name: 'loop', self: '[Circular]' },
      multi: 'a\nb',
    });
  });
});
