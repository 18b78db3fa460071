/**
 * Deterministic chat text for the rooms benchmarks: a vocabulary of common
 * words and generated rarer ones (a few with accents) drawn with a Zipf
 * distribution, as real chat is, so search hits range from many to few.
 * Generated words are random consonant-vowel strings of 3 to 10 letters, so
 * a typed prefix matches a handful of words, as in a natural language (a
 * vocabulary made of a few syllables would make every short word the prefix
 * of hundreds of others).
 */
import { randomInt, seededRandom } from './seededRandom';

const COMMON = (
  'the a to and of in is it you that for on we this be with are can will have not at do just so but if get ' +
  'our about what from all there when one up out now please thanks yes no ok let me know they my your'
).split(' ');
const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';
const ACCENTED = ['café', 'réunion', 'déjà', 'été', 'naïve', 'façade', 'résumé', 'crème', 'über', 'año'];

/** A word list and a sampler of sentences from it. */
export interface MessageCorpus {
  /** Every word, most frequent first. */
  words: readonly string[];
  /** A message of 4 to 30 words. */
  sentence(random: () => number): string;
  /** A word of frequency rank in [from, to). */
  wordAt(rank: number): string;
}

/** Builds the corpus: `size` words with weights 1/rank. */
export function messageCorpus(size = 8000): MessageCorpus {
  const words: string[] = [...COMMON];
  const seen = new Set(words);
  const random = seededRandom(2024);
  for (let i = 0; words.length < size; i++) {
    const length = 3 + randomInt(random, 8);
    let w = '';
    for (let k = 0; k < length; k++) w += (k % 2 === 0 ? CONSONANTS : VOWELS)[randomInt(random, (k % 2 === 0 ? CONSONANTS : VOWELS).length)];
    if (i % 97 === 0) w = `${ACCENTED[(i / 97) % ACCENTED.length]}${w}`;
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulative.push((total += 1 / (r + 1)));
  const pick = (random: () => number): string => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  return {
    words,
    wordAt: (rank) => words[Math.min(words.length - 1, rank)]!,
    sentence: (random) => {
      const count = 4 + randomInt(random, 27);
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push(pick(random));
      const text = out.join(' ');
      return `${text[0]!.toUpperCase()}${text.slice(1)}${random() < 0.3 ? '?' : '.'}`;
    },
  };
}
