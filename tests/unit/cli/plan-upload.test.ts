import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../../src/ports.js';
import type { LocalFile } from '../../../src/cli/upload/local-site-files.js';
import { planUpload, plainMd5 } from '../../../src/cli/upload/plan-upload.js';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';

function file(key: string, size = 10, md5 = MD5): LocalFile {
  return { key, size, md5, sha256: `sha-${key}` };
}

function remote(...objects: StoredObject[]): Map<string, StoredObject> {
  return new Map(objects.map((o) => [o.key, o]));
}

describe('planUpload', () => {
  it('uploads missing objects and objects of another size without asking the bucket', () => {
    const plan = planUpload([file('content/a.md'), file('content/b.md', 11)], remote({ key: 'content/b.md', size: 10, version: `"${MD5}"` }), {
      prefix: 'content/',
      deleteMissing: false,
    });
    expect(plan.uploads.map((u) => [u.file.key, u.reason])).toEqual([
      ['content/a.md', 'new'],
      ['content/b.md', 'changed'],
    ]);
    expect(plan.verify).toEqual([]);
  });

  it('treats an object whose ETag is the local MD5 as unchanged', () => {
    const plan = planUpload([file('hugo.toml')], remote({ key: 'hugo.toml', size: 10, version: `"${MD5.toUpperCase()}"` }), {
      prefix: 'content/',
      deleteMissing: false,
    });
    expect(plan.unchanged.map((f) => f.key)).toEqual(['hugo.toml']);
    expect(plan.uploads).toEqual([]);
  });

  it('asks for the stored sha256 when the ETag is multipart, not an MD5, or another MD5 of the same size', () => {
    const plan = planUpload(
      [file('content/multi.md'), file('content/kms.md'), file('content/none.md')],
      remote(
        { key: 'content/multi.md', size: 10, version: '"d41d8cd98f00b204e9800998ecf8427e-3"' },
        { key: 'content/kms.md', size: 10, version: '"00000000000000000000000000000000"' },
        { key: 'content/none.md', size: 10 },
      ),
      { prefix: 'content/', deleteMissing: false },
    );
    expect(plan.verify.map((f) => f.key)).toEqual(['content/multi.md', 'content/kms.md', 'content/none.md']);
    expect(plan.uploads).toEqual([]);
  });

  it('deletes only objects under the prefix that have no local file, never _feedpub/, and only when asked', () => {
    const objects = remote(
      { key: 'content/gone.md', size: 1 },
      { key: 'content/kept.md', size: 10, version: `"${MD5}"` },
      { key: 'content/_feedpub/x.json', size: 1 },
      { key: 'content-notes.md', size: 1 },
      { key: '_feedpub/report.json', size: 1 },
      { key: 'feedpub.toml', size: 1 },
    );
    const local = [file('content/kept.md')];
    expect(planUpload(local, objects, { prefix: 'content/', deleteMissing: true }).deletions).toEqual(['content/gone.md']);
    expect(planUpload(local, objects, { prefix: 'content/', deleteMissing: false }).deletions).toEqual([]);
    expect(planUpload(local, objects, { prefix: '', deleteMissing: true }).deletions).toEqual([]);
  });
});

describe('plainMd5', () => {
  it('reads quoted, unquoted and weak ETags of 32 hex digits, lowercased', () => {
    expect(plainMd5(`"${MD5}"`)).toBe(MD5);
    expect(plainMd5(MD5.toUpperCase())).toBe(MD5);
    expect(plainMd5(`W/"${MD5}"`)).toBe(MD5);
  });

  it('gives undefined for multipart ETags and anything else', () => {
    expect(plainMd5(`"${MD5}-2"`)).toBeUndefined();
    expect(plainMd5('"abc"')).toBeUndefined();
    expect(plainMd5(undefined)).toBeUndefined();
    expect(plainMd5('12-1700000000000-5')).toBeUndefined();
  });
});
