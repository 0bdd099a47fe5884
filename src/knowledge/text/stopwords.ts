import { createRequire } from 'node:module';
import { fold } from './fold.js';

const require = createRequire(import.meta.url);
const iso = require('stopwords-iso') as Record<string, string[]>;

/**
 * Words that carry no topic in a question. The ISO Swedish list plus question and filler
 * words staff use when they ask ("egentligen", "står det"), all folded.
 */
const EXTRA = [
  'egentligen', 'står', 'stod', 'tycker', 'tyckte', 'säger', 'sagt', 'undrar', 'berätta', 'förklara',
  'vet', 'veta', 'info', 'information', 'fråga', 'frågor', 'snälla', 'tack', 'hej', 'typ', 'liksom',
  'både', 'många', 'mycket', 'ungefär', 'någon', 'något', 'några', 'finns', 'fanns', 'gäller',
  'handlar', 'menas', 'betyder', 'innebär', 'göra', 'görs', 'gjort', 'gör', 'ska', 'skall',
];

export const STOPWORDS: ReadonlySet<string> = new Set([...(iso.sv ?? []), ...EXTRA].map(fold));
