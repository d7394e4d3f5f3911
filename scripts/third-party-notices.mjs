import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The licence notices of the packages esbuild bundled into a build, written next to it at build time
 * (never committed): `scripts/bundle.mjs` → dist/lambda/THIRD_PARTY_NOTICES.txt (shipped in the Lambda's
 * zip), `scripts/build.mjs` → dist/THIRD_PARTY_NOTICES.txt (in the npm package). Every package with a file
 * among the metafile's inputs is listed (name, version, the `license` of its package.json) with the full
 * text of its licence files (LICENSE, LICENCE, COPYING, with any prefix or suffix: `MIT-LICENSE`,
 * `LICENSE.md`, `COPYING.LESSER`; every file of a `licenses/` folder; the file a `"SEE LICENSE IN <file>"`
 * names; a symlink as its target's text) and any NOTICE file, read where the package is (node_modules, or
 * the folder a link, a `file:` dependency or a workspace puts it in). A package that ships no licence file
 * is said to, with its SPDX id and its package.json author, when that id is a licence whose text is
 * standard; else the build fails, naming the package (its terms could not be given). The Apache License 2.0,
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
        'The package ships no licence file (no LICENSE, LICENCE, COPYING or licenses/).',
        `SPDX id (package.json "license"): ${pkg.license}`,
        `Author (package.json "author"): ${pkg.author}`,
      );
      // ISC and MIT ask for their permission notice in every copy: the standard text, its holder the author.
      const terms = TEMPLATE_TERMS[pkg.license];
      if (terms !== undefined) lines.push('', `The ${pkg.license} licence, as the package names it:`, '', `Copyright (c) ${pkg.author}`, '', terms);
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
 * in an input's path (its scope too); for an input elsewhere (a package that `npm link`, a `file:`
 * dependency or a workspace installs as a symlink, whose real path esbuild reports), the nearest folder
 * above it with a package.json that names a package, the project's own (`root`) excluded. Once per name
 * and version, sorted. Inputs of a plugin's own namespace (`feedpub-stub:postcss`) are no package's files.
 *
 * @param {string} root esbuild's absWorkingDir
 * @param {{ inputs: Record<string, unknown> }} metafile
 * @returns {Array<{ name: string, version: string, dir: string }>}
 */
export function bundledPackages(root, metafile) {
  /** @type {Map<string, { name: string, version: string, dir: string }>} */
  const byId = new Map();
  /** @type {Map<string, string | undefined>} the package folder of each input's folder (undefined: none) */
  const folders = new Map();
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[\w-]{2,}:/.test(input)) continue;
    const file = path.resolve(root, input);
    const parts = file.split(path.sep);
    const at = parts.lastIndexOf('node_modules');
    let dir;
    if (at >= 0 && at + 1 < parts.length - 1) {
      const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
      dir = parts.slice(0, at + depth).join(path.sep);
    } else dir = packageAbove(path.resolve(root), path.dirname(file), folders);
    if (dir === undefined || dirs.has(dir)) continue;
    dirs.add(dir);
    const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const id = `${name}@${version}`;
    if (!byId.has(id)) byId.set(id, { name, version, dir });
  }
  return [...byId.values()].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
}

/**
 * The nearest folder from `dir` up whose package.json names a package (`{"type": "module"}` in a `dist/`
 * names none), stopping at the project's own folder, which is no bundled package, and at the file
 * system's root; undefined for none.
 *
 * @param {string} root
 * @param {string} dir
 * @param {Map<string, string | undefined>} known
 * @returns {string | undefined}
 */
function packageAbove(root, dir, known) {
  /** @type {string[]} */
  const seen = [];
  /** @type {string | undefined} */
  let found;
  for (let at = dir; ; ) {
    if (known.has(at)) {
      found = known.get(at);
      break;
    }
    if (at === root) break;
    seen.push(at);
    const manifest = path.join(at, 'package.json');
    if (existsSync(manifest) && typeof JSON.parse(readFileSync(manifest, 'utf8')).name === 'string') {
      found = at;
      break;
    }
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const at of seen) known.set(at, found);
  return found;
}

/**
 * @param {{ name: string, version: string, dir: string }} found
 */
function describePackage({ name, version, dir }) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const license = licenseOf(manifest);
  const files = filesIn(dir);
  const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => /^licen[cs]es$/i.test(entry.name) && isFolder(path.join(dir, entry.name)));
  const seeLicenseIn = /^SEE LICEN[CS]E IN (.+)$/i.exec(license.trim())?.[1]?.trim();
  const named = seeLicenseIn !== undefined ? inside(dir, seeLicenseIn) : undefined;
  const licenseFiles = [
    ...new Set([
      ...(named !== undefined && isFile(path.join(dir, named)) ? [named] : []),
      ...files.filter((file) => LICENCE_FILE.test(file) && !CODE_FILE.test(file)),
      ...folders.flatMap((entry) => filesIn(path.join(dir, entry.name)).map((file) => `${entry.name}/${file}`)),
    ]),
  ].sort(compare);
  if (licenseFiles.length === 0 && !standardLicence(license)) {
    throw new Error(
      `third-party notices: ${name}@${version} (${dir}) ships no licence file and its package.json "license" (${license}) is no SPDX id of a standard licence text: its terms cannot be given; add its licence text or leave the package out of the bundle`,
    );
  }
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

/** A licence file's name: LICENSE, LICENCE or COPYING, alone or with a prefix or suffix (`MIT-LICENSE`, `LICENSE.md`, `COPYING.LESSER`). */
const LICENCE_FILE = /^(.*[-_.])?(LICEN[CS]E|COPYING)([-_.].*)?$/i;
/** Code, not a licence text, whatever its name (`license.js`, `copying.d.ts`). */
const CODE_FILE = /\.([cm]?[jt]sx?|map)$/i;

/**
 * SPDX ids of licences whose text is standard, so that the id alone says the terms of a package that
 * ships no licence file (the common ones of npm; another id, `UNLICENSED`, `SEE LICENSE IN …` or none
 * fails the build unless the package has its text).
 */
const STANDARD_LICENCES = new Set(
  [
    '0BSD',
    'AFL-2.1',
    'AFL-3.0',
    'AGPL-3.0',
    'AGPL-3.0-only',
    'AGPL-3.0-or-later',
    'Apache-1.1',
    'Apache-2.0',
    'Artistic-2.0',
    'BlueOak-1.0.0',
    'BSD-1-Clause',
    'BSD-2-Clause',
    'BSD-3-Clause',
    'BSD-3-Clause-Clear',
    'BSL-1.0',
    'CC-BY-3.0',
    'CC-BY-4.0',
    'CC0-1.0',
    'CDDL-1.0',
    'CDDL-1.1',
    'EPL-1.0',
    'EPL-2.0',
    'GPL-2.0',
    'GPL-2.0-only',
    'GPL-2.0-or-later',
    'GPL-3.0',
    'GPL-3.0-only',
    'GPL-3.0-or-later',
    'ISC',
    'LGPL-2.1',
    'LGPL-2.1-only',
    'LGPL-2.1-or-later',
    'LGPL-3.0',
    'LGPL-3.0-only',
    'LGPL-3.0-or-later',
    'MIT',
    'MIT-0',
    'MPL-1.1',
    'MPL-2.0',
    'MS-PL',
    'OFL-1.1',
    'PSF-2.0',
    'Python-2.0',
    'Unicode-3.0',
    'Unicode-DFS-2016',
    'Unlicense',
    'W3C',
    'WTFPL',
    'X11',
    'Zlib',
  ].map((id) => id.toLowerCase()),
);

/** Whether an SPDX expression (`MIT`, `(MIT OR Apache-2.0)`, `GPL-2.0+ WITH Classpath-exception-2.0`) names only standard licences. */
function standardLicence(/** @type {string} */ expression) {
  const tokens = expression.replace(/[()]/g, ' ').trim().split(/\s+/);
  if (tokens.length === 0 || tokens[0] === '') return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = /** @type {string} */ (tokens[i]);
    if (/^(AND|OR)$/i.test(token)) continue;
    // An exception's text is SPDX's too: `WITH` and its id.
    if (/^WITH$/i.test(token)) {
      i++;
      continue;
    }
    if (!STANDARD_LICENCES.has(token.replace(/\+$/, '').toLowerCase())) return false;
  }
  return true;
}

/** The files of a folder, a symlink as the file it leads to (a broken one left out), sorted. */
function filesIn(/** @type {string} */ dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(path.join(dir, entry.name))))
    .map((entry) => entry.name)
    .sort(compare);
}

function isFile(/** @type {string} */ file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isFolder(/** @type {string} */ dir) {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** `name` relative to `dir`, posix, when it is a path inside it (a `SEE LICENSE IN ../x` is not read). */
function inside(/** @type {string} */ dir, /** @type {string} */ name) {
  const relative = path.relative(dir, path.resolve(dir, name));
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
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

/** The standard texts of the licences whose notice a copy must carry, for a package that names one and ships none. */
const TEMPLATE_TERMS = /** @type {Readonly<Record<string, string>>} */ ({
  ISC: [
    'Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is',
    'hereby granted, provided that the above copyright notice and this permission notice appear in all copies.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE',
    'INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR',
    'ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,',
    'DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN',
    'CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.',
  ].join('\n'),
  MIT: [
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated',
    'documentation files (the "Software"), to deal in the Software without restriction, including without',
    'limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the',
    'Software, and to permit persons to whom the Software is furnished to do so, subject to the following',
    'conditions:',
    '',
    'The above copyright notice and this permission notice shall be included in all copies or substantial',
    'portions of the Software.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED',
    'TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL',
    'THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF',
    'CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER',
    'DEALINGS IN THE SOFTWARE.',
  ].join('\n'),
});
