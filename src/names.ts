// Comparing names (parties, clients, file keys) across contracts: case, accents and punctuation folded,
// letters of every script kept (so Arabic or Japanese names are names too).
export function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A name (or any text) as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
