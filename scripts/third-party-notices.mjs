import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The licence notices of the packages esbuild bundled into a build, written next to it at build time
 * (never committed): `scripts/bundle.mjs` → dist/lambda/THIRD_PARTY_NOTICES.txt (shipped in the Lambda's
 * zip), `scripts/build.mjs` → dist/THIRD_PARTY_NOTICES.txt (in the npm package). Every package with a file
 * among the metafile's inputs is listed (name, version, the `license` of its package.json) with the full
 * text of its LICENSE / LICENCE / COPYING files and any NOTICE file, from node_modules. A package that
 * ships no licence file is said to, with its SPDX id and its package.json author. The Apache License 2.0,
 * whose text every AWS SDK package repeats, is written once at the end: each such package keeps its own
 * copyright lines and NOTICE, and a package whose terms differ from that text gets its own in full.
 * Deterministic: packages sorted by name and version, files by name, line ends normalised.
 *
 * @param {{ root: string, metafile: { inputs: Record<string, unknown> }, bundle: string }} options
 *   root: esbuild's absWorkingDir (the metafile's paths are relative to it); bundle: what the notices
 *   are for, named in the heading (`dist/lambda/`)
 * @returns {string}
 * @example writeFileSync('dist/THIRD_PARTY_NOTICES.txt', thirdPartyNotices({ root, metafile: result.metafile, bundle: 'dist/' }))
 */
export function thirdPartyNotices({ root, metafile, bundle }) {
  const packages = bundledPackages(root, metafile).map((found) => describePackage(found));
  const apache = packages.filter((pkg) => pkg.apacheTerms !== undefined);
  const sharedTerms = mostCommon(apache.map((pkg) => /** @type {string} */ (pkg.apacheTerms)));
  const own = readText(path.join(root, 'LICENSE'));

  const rule = '-'.repeat(78);
  const lines = [
    `Third-party software bundled into ${bundle}`,
    '',
    `${bundle} holds code of the ${packages.length} packages listed below, bundled by esbuild. This file gives`,
    "each one's licence and notices, read from its copy in node_modules when the bundle was built",
    '(scripts/third-party-notices.mjs). Packages that are not bundled (installed beside it by npm) carry',
    'their own licence files.',
    '',
    'feedpub itself:',
    '',
    own ?? 'MIT License, Copyright (c) 2026 The feedpub authors',
    '',
    'Packages:',
    '',
    ...packages.map((pkg) => `  ${pkg.name}@${pkg.version}  ${pkg.license}`),
  ];
  for (const pkg of packages) {
    lines.push('', rule, `${pkg.name}@${pkg.version}`, `License: ${pkg.license}`, '');
    const shared = sharedTerms !== undefined && pkg.apacheTerms === sharedTerms;
    if (shared) {
      lines.push(`The Apache License 2.0: its text is at the end of this file (${pkg.licenseFiles.join(', ')}).`);
      if (pkg.copyrights.length > 0) lines.push('', ...pkg.copyrights);
    } else if (pkg.licenseFiles.length > 0) {
      for (const file of pkg.licenseFiles) lines.push(`${file}:`, '', /** @type {string} */ (readText(path.join(pkg.dir, file))), '');
    } else {
      lines.push(
        'The package ships no licence file (no LICENSE, LICENCE or COPYING).',
        `SPDX id (package.json "license"): ${pkg.license}`,
        `Author (package.json "author"): ${pkg.author}`,
      );
    }
    for (const file of pkg.noticeFiles) lines.push('', `${file}:`, '', /** @type {string} */ (readText(path.join(pkg.dir, file))));
  }
  if (sharedTerms !== undefined) {
    const first = apache.find((pkg) => pkg.apacheTerms === sharedTerms);
    lines.push('', rule, 'Apache License 2.0 (the terms, as in the LICENSE of the packages above that name it)', '');
    lines.push(/** @type {string} */ (first?.apacheText));
  }
  return `${lines
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd()}\n`;
}

/**
 * The packages with a file among a metafile's inputs: each folder that follows the last `node_modules`
 * in an input's path (its scope too), once per name and version, sorted. Inputs of a plugin's own
 * namespace (`feedpub-stub:postcss`) are no package's files.
 *
 * @param {string} root esbuild's absWorkingDir
 * @param {{ inputs: Record<string, unknown> }} metafile
 * @returns {Array<{ name: string, version: string, dir: string }>}
 */
export function bundledPackages(root, metafile) {
  /** @type {Map<string, { name: string, version: string, dir: string }>} */
  const byId = new Map();
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[\w-]{2,}:/.test(input)) continue;
    const parts = path.resolve(root, input).split(path.sep);
    const at = parts.lastIndexOf('node_modules');
    if (at < 0 || at + 1 >= parts.length) continue;
    const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
    const dir = parts.slice(0, at + depth).join(path.sep);
    if (dirs.has(dir)) continue;
    dirs.add(dir);
    const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const id = `${name}@${version}`;
    if (!byId.has(id)) byId.set(id, { name, version, dir });
  }
  return [...byId.values()].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
}

/**
 * @param {{ name: string, version: string, dir: string }} found
 */
function describePackage({ name, version, dir }) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const license = licenseOf(manifest);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort(compare);
  const licenseFiles = files.filter((file) => /^(licen[cs]e|copying)([-._].*)?$/i.test(file));
  const noticeFiles = files.filter((file) => /^notice([-._].*)?$/i.test(file));
  /** @type {string | undefined} */
  let apacheTerms;
  /** @type {string | undefined} */
  let apacheText;
  /** @type {string[]} */
  let copyrights = [];
  if (/\bApache-2\.0\b/.test(license) && licenseFiles.length === 1) {
    const text = /** @type {string} */ (readText(path.join(dir, /** @type {string} */ (licenseFiles[0]))));
    const end = text.indexOf('END OF TERMS AND CONDITIONS');
    const terms = end < 0 ? text : text.slice(0, end + 'END OF TERMS AND CONDITIONS'.length);
    if (/Apache License\s+Version 2\.0, January 2004/.test(terms)) {
      apacheText = terms;
      apacheTerms = terms.replace(/\s+/g, ' ').trim();
      // The appendix is the how-to-apply guidance, where a project fills in its own copyright line.
      copyrights = (end < 0 ? '' : text.slice(end))
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^Copyright\b/i.test(line) && !line.includes('[yyyy]'));
    }
  }
  return { name, version, dir, license, author: authorOf(manifest.author), licenseFiles, noticeFiles, apacheTerms, apacheText, copyrights };
}

/** package.json's `license` (an SPDX expression), or the old forms `{ type }` and `licenses: [{ type }]`. */
function licenseOf(/** @type {Record<string, any>} */ manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (typeof license?.type === 'string') return license.type;
  if (Array.isArray(licenses) && licenses.length > 0) return licenses.map((entry) => entry?.type ?? String(entry)).join(' OR ');
  return '(none given)';
}

/** package.json's `author`: a string, or `{ name, email, url }`. */
function authorOf(/** @type {unknown} */ author) {
  if (typeof author === 'string') return author;
  if (typeof author === 'object' && author !== null) {
    const { name, email, url } = /** @type {Record<string, unknown>} */ (author);
    return [name, email ? `<${email}>` : '', url ? `(${url})` : ''].filter(Boolean).join(' ') || '(none given)';
  }
  return '(none given)';
}

/** A file's text with LF line ends and no trailing blank lines, or undefined when it cannot be read. */
function readText(/** @type {string} */ file) {
  try {
    return readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').trimEnd();
  } catch {
    return undefined;
  }
}

/** The value found most often (the first in order among equals), or undefined for none. */
function mostCommon(/** @type {string[]} */ values) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(/** @type {string} */ a, /** @type {string} */ b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
