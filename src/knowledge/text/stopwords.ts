import { createRequire } from 'node:module';
import { fold } from './fold.js';

const require = createRequire(import.meta.url);
const iso = require('stopwords-iso') as Record<string, string[]>;

/**
 * Words that carry no topic in a question. The ISO Swedish list plus question and filler
 * words staff use when they ask ("egentligen", "står det", "grejer").
 */
const EXTRA = [
  'egentligen', 'står', 'stod', 'tycker', 'tyckte', 'säger', 'sagt', 'undrar', 'berätta', 'förklara',
  'vet', 'veta', 'info', 'information', 'fråga', 'frågor', 'snälla', 'tack', 'hej', 'typ', 'liksom',
  'både', 'många', 'mycket', 'ungefär', 'någon', 'något', 'några', 'finns', 'fanns', 'gäller',
  'handlar', 'menas', 'betyder', 'innebär', 'göra', 'görs', 'gjort', 'gör', 'ska', 'skall',
  // Colloquial stand-ins for "thing(s)": "IT-grejer", "sånna prylar".
  'grej', 'grejen', 'grejer', 'grejerna', 'grejs', 'pryl', 'prylar', 'prylarna',
  // "Vad för slags system", "någon sorts plan": the kind is asked, the word names nothing.
  'slags', 'sorts',
  // Particles of phrasal verbs: "kom igång", "slogs ihop".
  'igång', 'ihop', 'iväg', 'igen', 'isär', 'ikapp', 'ifatt', 'itu',
  // "Ifrån" is "från", which the ISO list has.
  'ifrån',
  // Degree adverbs the ISO list lacks: "nästan inget", "knappt någon".
  'nästan', 'knappt',
];

/** Nouns the ISO list counts as stop words although a question can be about them ("beslut", "dag"). */
const TOPICS = new Set(['beslut', 'beslutat', 'beslutit', 'dag', 'dagar', 'dagarna', 'dagen', 'del', 'delen', 'nummer']);

const SPELT = new Set([...(iso.sv ?? []), ...EXTRA].map((w) => w.toLowerCase()).filter((w) => !TOPICS.has(w)));
const FOLDED = new Set([...SPELT].map(fold));

/**
 * Whether a word is a stop word. Spelt with å, ä or ö it is looked up as spelt, so "år" and
 * "mål" stay words though "är" is a stop word; typed without them ("ar"), it could be
 * either, and is looked up folded.
 *
 * @param token the folded token
 * @param surface the word as written, lower-cased (the token itself when unknown)
 */
export function isStopword(token: string, surface: string = token): boolean {
  return surface !== token ? SPELT.has(surface) : FOLDED.has(token);
}
