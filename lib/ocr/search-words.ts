// The words of a picture worth offering as refinements of its search (chips under the query
// image): whole words with at least two letters, each once, in reading order. Small function
// words and bare numbers say nothing about what is pictured, so they are left out.
const MAX_WORDS = 12;

const FUNCTION_WORDS = new Set(
  "a an and are as at be by for from in into is it its of on or our the this that to with your you we".split(" "),
);

export function searchableWords(lines: readonly string[], max = MAX_WORDS): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const line of lines) {
    for (const token of line.split(/\s+/)) {
      // Punctuation at either end goes ("SALE!", "(new)"); inner marks stay ("t-shirt", "l'eau").
      const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      const letters = word.match(/\p{L}/gu)?.length ?? 0;
      const key = word.toLocaleLowerCase();
      if (letters < 2 || FUNCTION_WORDS.has(key) || seen.has(key)) continue;
      seen.add(key);
      words.push(word);
      if (words.length === max) return words;
    }
  }
  return words;
}
