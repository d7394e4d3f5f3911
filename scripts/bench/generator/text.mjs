import { NAMES, PHRASES_HANS, PHRASES_HANT, WORDS_EN } from './vocabulary.mjs';

/** @typedef {import('./create-rng.mjs').Rng} Rng */
/** @typedef {'en' | 'zh-CN' | 'zh-HK'} Lang */

/**
 * One sentence in the script of `lang`: Chinese sentences mix in Latin brand names and numbers,
 * as the reference article does ("当DeepSeek正在全球掀起风暴，OpenAI近日…").
 *
 * @param {Rng} rng
 * @param {Lang} lang
 * @returns {string}
 */
export function sentence(rng, lang) {
  if (lang === 'en') {
    const count = rng.int(8, 22);
    const words = [];
    for (let i = 0; i < count; i += 1) {
      const roll = rng.next();
      if (roll < 0.08) words.push(rng.pick(NAMES));
      else if (roll < 0.12) words.push(String(rng.int(2, 2030)));
      else words.push(rng.pick(WORDS_EN));
    }
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${rng.chance(0.1) ? '?' : '.'}`;
  }
  const phrases = lang === 'zh-CN' ? PHRASES_HANS : PHRASES_HANT;
  const count = rng.int(2, 5);
  const parts = [];
  for (let i = 0; i < count; i += 1) {
    const roll = rng.next();
    if (roll < 0.15) parts.push(`${rng.pick(NAMES)}${rng.pick(phrases)}`);
    else if (roll < 0.22) parts.push(`${rng.int(2, 5000)}亿美元${rng.pick(phrases)}`);
    else if (roll < 0.27) parts.push(`“${rng.pick(phrases)}”`);
    else parts.push(rng.pick(phrases));
  }
  return `${parts.join('，')}${rng.chance(0.08) ? '！' : '。'}`;
}

/**
 * A paragraph of 1–4 sentences.
 *
 * @param {Rng} rng
 * @param {Lang} lang
 * @returns {string}
 */
export function paragraph(rng, lang) {
  const count = rng.int(1, 4);
  const sentences = [];
  for (let i = 0; i < count; i += 1) sentences.push(sentence(rng, lang));
  return sentences.join(lang === 'en' ? ' ' : '');
}

/**
 * A headline. About 3% carry characters that must be escaped in XML/JSON (`&`, `<`, `"`).
 *
 * @param {Rng} rng
 * @param {Lang} lang
 * @returns {string}
 */
export function headline(rng, lang) {
  let title;
  if (lang === 'en') {
    const count = rng.int(5, 11);
    const words = [];
    for (let i = 0; i < count; i += 1) words.push(rng.chance(0.2) ? rng.pick(NAMES) : rng.pick(WORDS_EN));
    title = words.map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`).join(' ');
  } else {
    const phrases = lang === 'zh-CN' ? PHRASES_HANS : PHRASES_HANT;
    title = rng.chance(0.4)
      ? `${rng.int(2, 5000)}亿，${rng.pick(NAMES)}${rng.pick(phrases)}`
      : `${rng.pick(phrases)}${rng.chance(0.5) ? '，' : ''}${rng.pick(phrases)}`;
  }
  const roll = rng.next();
  if (roll < 0.01) return `${title} & more`;
  if (roll < 0.02) return `"${title}"`;
  if (roll < 0.03) return `${title} <${rng.pick(NAMES)}>`;
  return title;
}

/**
 * Plain text of the first paragraphs, cut to `length` code points and marked with "...", as the
 * reference's `summary` is.
 *
 * @param {readonly string[]} blocks Markdown blocks of the body, in order.
 * @param {number} length
 * @returns {string}
 */
export function summarize(blocks, length) {
  const plain = blocks
    .map((block) =>
      block
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*/g, ''),
    )
    .filter((text) => text.length > 0)
    .join('');
  const codePoints = Array.from(plain);
  return codePoints.length <= length ? plain : `${codePoints.slice(0, length).join('')}...`;
}
