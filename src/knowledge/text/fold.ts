/**
 * Case and diacritic folding. Staff often type without å, ä and ö ("malomraden"), so the
 * index and the questions are both folded the same way before anything else happens.
 */
const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u', æ: 'a', ø: 'o' };

/** Lower-cases and folds Swedish diacritics: "Målområde" → "malomrade". */
export function fold(text: string): string {
  return text.toLowerCase().replace(/[åäöéèüæø]/g, (ch) => FOLD[ch] ?? ch);
}
