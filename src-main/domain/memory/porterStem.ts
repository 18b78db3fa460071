/**
 * The Porter stemming algorithm (1980), as the full-text index applies it
 * (its `porter` tokenizer): "adopting", "adopted" and "adoption" all become
 * "adopt". Recall uses it to tell which words of a query a candidate holds.
 * Input is one lowercase token; words shorter than 3 letters are returned
 * unchanged.
 */

const STEP2: Record<string, string> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};

const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;
/** Measure > 0: [C](VC){m}[V] with m > 0. */
const MGR0 = new RegExp(`^(${C})?${V}${C}`);
/** Measure = 1. */
const MEQ1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
/** Measure > 1. */
const MGR1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
/** The stem holds a vowel. */
const HAS_VOWEL = new RegExp(`^(${C})?${v}`);
/** Ends consonant-vowel-consonant, the last not w, x or y. */
const CVC = new RegExp(`^${C}${v}[^aeiouwxy]$`);

const STEP2_RE = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_RE = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION_RE = /^(.+?)(s|t)(ion)$/;

/** The Porter stem of `word` (lowercase). */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  let w = word;
  // A leading y is a consonant: mark it so the vowel patterns skip it.
  const leadingY = w.startsWith('y');
  if (leadingY) w = `Y${w.slice(1)}`;

  // Step 1a: plurals.
  if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, '$1$2');
  else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, '$1$2');

  // Step 1b: -eed, -ed, -ing.
  let m = /^(.+?)eed$/.exec(w);
  if (m) {
    if (MGR0.test(m[1]!)) w = w.slice(0, -1);
  } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && HAS_VOWEL.test(m[1]!)) {
    w = m[1]!;
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    else if (CVC.test(w)) w += 'e';
  }

  // Step 1c: y → i after a vowel in the stem.
  m = /^(.+?)y$/.exec(w);
  if (m && HAS_VOWEL.test(m[1]!)) w = `${m[1]!}i`;

  // Step 2: double suffixes.
  m = STEP2_RE.exec(w);
  if (m && MGR0.test(m[1]!)) w = m[1]! + STEP2[m[2]!]!;

  // Step 3: -ic-, -full, -ness…
  m = STEP3_RE.exec(w);
  if (m && MGR0.test(m[1]!)) w = m[1]! + STEP3[m[2]!]!;

  // Step 4: -ant, -ence… when the measure stays above 1.
  m = STEP4_RE.exec(w);
  if (m) {
    if (MGR1.test(m[1]!)) w = m[1]!;
  } else if ((m = STEP4_ION_RE.exec(w))) {
    const stem = m[1]! + m[2]!;
    if (MGR1.test(stem)) w = stem;
  }

  // Step 5: a final -e, and -ll.
  m = /^(.+?)e$/.exec(w);
  if (m) {
    const stem = m[1]!;
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);

  return leadingY ? `y${w.slice(1)}` : w;
}
