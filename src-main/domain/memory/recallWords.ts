/**
 * Word lists recall uses to read a question: words that carry no meaning
 * of their own (function words and question words, in English and French,
 * folded as the index folds them), the irregular forms a stemmer cannot
 * relate ("went" and "go", "children" and "child", "teacher" and "teach"), and a short thesaurus
 * of near-synonyms and spellings that people use interchangeably when they
 * talk ("scared" and "afraid", "wedding" and "married", "colour" and
 * "color"). It stays small and tight on purpose: every alternative is one
 * more word a memory can match.
 */

import { porterStem } from './porterStem';

/** Words left out of a recall query when it has others. */
export const RECALL_STOPWORDS: ReadonlySet<string> = new Set(
  (
    // English function words, auxiliaries and question words.
    'a about above after again against all also am an and any anything are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each either else ever every few for from further get gets getting got had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just let lets me might mine more most much must my myself ' +
    'neither no nor not now of off on once one only or other others our ours ourselves out over own per perhaps please quite rather really ' +
    'same shall she should since so some something such than that the their theirs them themselves then there these they thing things this ' +
    'those though through thus to too under until up upon us very via was we were what whatever when whenever where whereas wherever whether ' +
    'which while who whoever whom whose why will with within without would yet you your yours yourself yourselves ' +
    // Pieces of contractions, as the tokenizer splits them ("didn't" → didn, t).
    's t d ll re ve m don didn doesn isn wasn weren wouldn couldn shouldn haven hasn hadn aren ain ' +
    // Words of a question about memory rather than its subject.
    'remember recall tell know knew mention mentioned say said talk talked ' +
    // French.
    'au aux avec ce ces cet cette dans de des du elle elles en est et etaient etait etre eu eux il ils je la le les leur leurs lui ma mais me ' +
    'meme mes moi mon ne nos notre nous on ont ou par pas pour qu que quel quelle quelles quels qui quoi sa se ses son sont sur ta te tes toi ' +
    'ton tu un une vos votre vous y c j l n quand comment pourquoi combien fait faire avait avoir'
  ).split(/\s+/),
);

/** Irregular forms: each line is one word's forms. */
const IRREGULAR = [
  'go went gone goes going',
  'buy bought',
  'bring brought',
  'think thought',
  'catch caught',
  'teach taught',
  'fight fought',
  'seek sought',
  'make made',
  'take took taken',
  'give gave given',
  'see saw seen',
  'eat ate eaten',
  'drink drank drunk',
  'run ran',
  'swim swam swum',
  'sing sang sung',
  'begin began begun',
  'write wrote written',
  'ride rode ridden',
  'drive drove driven',
  'speak spoke spoken',
  'break broke broken',
  'choose chose chosen',
  'wake woke woken',
  'forget forgot forgotten',
  'fly flew flown',
  'grow grew grown',
  'draw drew drawn',
  'throw threw thrown',
  'wear wore worn',
  'steal stole stolen',
  'fall fell fallen',
  'find found',
  'lose lost',
  'leave left',
  'feel felt',
  'keep kept',
  'meet met',
  'sleep slept',
  'send sent',
  'spend spent',
  'build built',
  'lend lent',
  'hold held',
  'sell sold',
  'hear heard',
  'pay paid',
  'sit sat',
  'stand stood',
  'understand understood',
  'win won',
  'lead led',
  'feed fed',
  'come came',
  'become became',
  'hang hung',
  'shoot shot',
  'hide hid hidden',
  'rise rose risen',
  'shake shook shaken',
  'freeze froze frozen',
  'dig dug',
  'strike struck',
  'bleed bled',
  'flee fled',
  'learn learnt learned',
  'dream dreamt dreamed',
  'burn burnt burned',
  // Agent nouns the stemmer keeps apart from their verb ("teacher", "teaching").
  'teach teacher',
  'play player',
  'paint painter',
  'write writer',
  'run runner',
  'bake baker',
  'sing singer',
  'dance dancer',
  'drive driver',
  'photograph photographer',
  'garden gardener',
  'farm farmer',
  'swim swimmer',
  'climb climber',
  'train trainer',
  'lead leader',
  'own owner',
  'manage manager',
  'design designer',
  'child children',
  'person people',
  'man men',
  'woman women',
  'foot feet',
  'tooth teeth',
  'mouse mice',
];

/** Near-synonyms and spelling variants: each line is one group. */
const SYNONYMS = [
  'afraid scared terrified frightened fear fears',
  'wedding married marry marriage',
  'job career occupation profession work',
  'kid kids child children',
  'mom mother mum',
  'dad father',
  'grandma grandmother',
  'grandpa grandfather',
  'spouse wife husband',
  'car vehicle',
  'movie film',
  'novel book',
  'photo photograph picture',
  'happy glad',
  'sad unhappy',
  'tired exhausted',
  'buy purchase',
  'start begin',
  'finish complete',
  'trip travel journey vacation holiday',
  'doctor physician',
  'friend buddy pal',
  'class course lesson',
  'exercise workout',
  'sick ill',
  'shop store',
  'favorite favourite',
  'color colour',
  'neighbor neighbour',
  'theater theatre',
  'organize organise',
];

/** Each listed word, and each listed word's stem, → the words of its groups. */
const FORMS = new Map<string, readonly string[]>();
for (const line of [...IRREGULAR, ...SYNONYMS]) {
  const forms = line.split(' ');
  for (const key of new Set([...forms, ...forms.map(porterStem)])) FORMS.set(key, [...new Set([...(FORMS.get(key) ?? []), ...forms])]);
}

/**
 * The other words that count as `word` in a query: forms a stemmer would not
 * find ("went" → go, gone…) and near-synonyms ("scared", "scaring" → afraid…),
 * or none.
 */
export function relatedForms(word: string): readonly string[] {
  return (FORMS.get(word) ?? FORMS.get(porterStem(word)) ?? []).filter((f) => f !== word);
}
