/** Words that, right after a term, define it: "Informationssäkerhet är …", "X avser …" (folded). */
const DEFINING = new Set(['ar', 'avser', 'innebar', 'betyder', 'definieras', 'kallas', 'omfattar']);
/** How near the start of a sentence a defined term stands ("Grön IT är ett samlingsbegrepp"). */
const DEFINED_WITHIN = 3;

/**
 * Whether a sentence, as folded tokens, defines a word `asked` accepts: "Informationssäkerhet
 * är de åtgärder …", "strategi Digitalisera, som är …", "Med en modern e-förvaltning avses …".
 */
export function definesAsked(tokens: readonly string[], asked: (token: string) => boolean): boolean {
  for (let j = 0; j < tokens.length; j++) {
    if (!asked(tokens[j] ?? '')) continue;
    const next = tokens[j + 1] ?? '';
    if (j < DEFINED_WITHIN && DEFINING.has(next)) return true;
    if (next === 'som' && tokens[j + 2] === 'ar') return true;
    if (tokens[0] === 'med' && j <= DEFINED_WITHIN + 1 && /^(avses|menas)$/.test(next)) return true;
  }
  return false;
}
