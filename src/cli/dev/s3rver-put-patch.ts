/**
 * JavaScript for the child process that runs s3rver (`feedpub dev`, and the tests' S3 server), put before
 * the server starts: s3rver 3.7.1's filesystem store answers a PUT before the object's file is written (it
 * resolves once the body is handed to the write stream, then writes the metadata), so a GET right after was
 * given the old or a cut body under the new ETag, about 1 in 100 PUT-then-GET pairs of a few KiB (a run
 * reading the manifest head its predecessor had just written took it for damaged: a false
 * WriteConflictError). This replaces the store's `putObject` with one that answers once the file is
 * closed, as S3 answers a PUT once the object is stored, writes the body beside it and renames it into
 * place (never read cut), and writes a new object's metadata first (a GET of a new feed between body and
 * metadata was served as binary/octet-stream, `feedpub dev` too). `process.argv[1]` is s3rver's main module.
 */
export const S3RVER_PUT_PATCH = `
const path = require('node:path');
const crypto = require('node:crypto');
const { Transform } = require('node:stream');
const FilesystemStore = require(path.join(path.dirname(process.argv[1]), 'stores', 'filesystem.js'));
const fs = require(require.resolve('fs-extra', { paths: [path.dirname(process.argv[1])] }));
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await fs.mkdirp(path.dirname(objectPath));
  // Written beside it (a name the listing skips), then renamed into place: never seen cut.
  const partial = objectPath + '.partial-' + crypto.randomBytes(8).toString('hex');
  const md5 = crypto.createHash('md5');
  let size = 0;
  await new Promise((resolve, reject) => {
    const file = fs.createWriteStream(partial).on('error', reject).on('close', resolve);
    const count = new Transform({ transform(chunk, encoding, callback) { md5.update(chunk, encoding); size += chunk.length; callback(null, chunk); } });
    if (Buffer.isBuffer(object.content)) count.end(object.content);
    else object.content.on('error', reject).pipe(count);
    count.on('error', reject).pipe(file);
  });
  const digest = md5.digest('hex');
  // A new object's metadata before its body can be read (a GET in between found no metadata and served it
  // as binary/octet-stream); an existing one's after, as before (its old metadata holds until then).
  const existed = await fs.pathExists(objectPath);
  if (!existed) await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  await fs.rename(partial, objectPath);
  if (existed) await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};
`;
