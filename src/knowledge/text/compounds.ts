/**
 * Splits Swedish compounds into words the corpus knows: "digitaliseringsplan" →
 * "digitalisering" + "plan", "nyttorealisering" → "nytto" + "realisering". Parts must be
 * words of the vocabulary (at least four letters, or a known word of three at the end);
 * a linking "s" between parts is allowed. The split with the fewest, then the longest,
 * parts wins.
 */
export class Decompounder {
  private readonly cache = new Map<string, string[] | null>();

  constructor(private readonly vocabulary: ReadonlySet<string>) {}

  /** The parts of `word`, or undefined when it is not a compound of known words. */
  split(word: string): string[] | undefined {
    if (word.length < 7) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const parts = this.best(word, 0);
    const result = parts && parts.length > 1 ? parts : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, result);
    return result ?? undefined;
  }

  /**
   * The longest known word a compound ends in, when it splits no further: "förvaltningen" of
   * "stadsbyggnadsförvaltningen", whose first parts the documents lack on their own.
   */
  head(word: string): string | undefined {
    if (word.length < 9) return undefined;
    for (let i = 3; i <= word.length - 6; i++) {
      const tail = word.slice(i);
      if (this.vocabulary.has(tail)) return tail;
    }
    return undefined;
  }

  private best(word: string, depth: number): string[] | undefined {
    if (depth > 0 && this.vocabulary.has(word) && word.length >= 3) return [word];
    if (depth >= 3) return undefined;
    let best: string[] | undefined;
    for (let i = word.length - 3; i >= 4; i--) {
      const head = word.slice(0, i);
      const heads = [head];
      if (head.endsWith('s') && head.length > 4) heads.push(head.slice(0, -1));
      for (const h of heads) {
        if (!this.vocabulary.has(h)) continue;
        const tail = this.best(word.slice(i), depth + 1);
        if (!tail) continue;
        const candidate = [h, ...tail];
        if (!best || candidate.length < best.length || (candidate.length === best.length && h.length > (best[0]?.length ?? 0))) {
          best = candidate;
        }
      }
    }
    return best;
  }
}
