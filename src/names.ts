// Comparing names (parties, clients, file keys) across contracts: case, accents and punctuation folded,
// letters of every script kept (so Arabic or Japanese names are names too).
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name (or any text) as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The share of a text's Latin letters that are capitals (0 when it has none): how much of a line is in capitals. */
export function upperShare(s: string): number {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return letters.length ? letters.replace(/[^A-Z]/g, '').length / letters.length : 0;
}
