/**
 * The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish), with two changes
 * marked below, applied to folded text
 * (å, ä → a; ö → o), so "löst" appears here as "lost". Both the index and questions are
 * stemmed after folding, which keeps the two sides consistent.
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const S_ENDING = new Set(['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 't', 'v', 'y']);

// Longest first, so the first match is the longest suffix.
const STEP1 = [
  'heterna', 'hetens', 'anden', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'andes', 'arens', 'andet',
  'arna', 'erna', 'orna', 'ande', 'arne', 'aste', 'aren', 'ades', 'erns',
  // Not in Snowball: the definite plural of nouns in -e ("områdena"), so it meets "område".
  'ena',
  'ade', 'are', 'ern', 'ens', 'het', 'ast',
  'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at',
  'a', 'e',
];
const STEP2 = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

function regionR1(word: string): number {
  let i = 1;
  while (i < word.length && !(VOWELS.has(word[i]!) === false && VOWELS.has(word[i - 1]!))) i++;
  const r1 = Math.min(word.length, i + 1);
  return Math.max(3, r1);
}

/** Stems one folded, lower-case word. */
export function stemSwedish(word: string): string {
  if (word.length < 3) return word;
  const r1 = regionR1(word);
  let w = word;

  // Step 1
  for (const suffix of STEP1) {
    if (w.endsWith(suffix) && w.length - suffix.length >= r1) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Snowball deletes a final s only when no other suffix went, so "insats" became "insat"
  // but "insatser" "insats". Deleting it after any step-1 removal too makes them meet.
  if (w.endsWith('s') && w.length - 1 >= r1 && S_ENDING.has(w[w.length - 2] ?? '')) {
    w = w.slice(0, -1);
  }

  // Step 2
  for (const suffix of STEP2) {
    if (w.endsWith(suffix) && w.length - suffix.length >= r1) {
      w = w.slice(0, -1);
      break;
    }
  }

  // Step 3
  if (w.endsWith('fullt') && w.length - 5 >= r1) w = w.slice(0, -1);
  else if (w.endsWith('lost') && w.length - 4 >= r1) w = w.slice(0, -1);
  else if (w.endsWith('lig') && w.length - 3 >= r1) w = w.slice(0, -3);
  else if (w.endsWith('els') && w.length - 3 >= r1) w = w.slice(0, -3);
  else if (w.endsWith('ig') && w.length - 2 >= r1) w = w.slice(0, -2);
  return w;
}
