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

/** Whether a text of some length is set in capitals ("EXCEPT UNDER SECTION 2, IN NO EVENT WILL EITHER PARTY"): its
 *  capitals say nothing of names or defined terms. */
export function setInCapitals(s: string): boolean {
  return s.replace(/[^A-Za-z]/g, '').length > 40 && upperShare(s) > 0.6;
}

// Characters that reorder or hide text (bidi embeddings, overrides and isolates) and C0/C1 controls (a
// terminal runs ESC sequences: colours, cursor moves, window titles, links): each shown as a visible
// marker, [U+001B], so a file name or clause cannot disguise what it says or drive the terminal.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** In a name, also the characters that show as nothing (zero-width spaces and joiners, marks of direction,
 *  the byte-order mark): two names that look the same are then told apart. */
// eslint-disable-next-line no-misleading-character-class
const HIDDEN_IN_NAME = /[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff]/g;
/** On a terminal, a carriage return rewrites the line it ends: marked too. */
const HIDDEN_ON_TERMINAL = /\r/g;

const marker = (c: string) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;

/** Text with control and bidi characters marked (quotes and names in a report). */
export function visible(s: string): string {
  return s.replace(HIDDEN, marker);
}

/** A name (a file, a party) with control, bidi and invisible characters marked. */
export function visibleName(s: string): string {
  return visible(s).replace(HIDDEN_IN_NAME, marker);
}

/** Text for stderr or a terminal table: control, bidi and invisible characters marked, and carriage
 *  returns; line breaks and tabs stay. */
export function terminalSafe(s: string): string {
  return visibleName(s).replace(HIDDEN_ON_TERMINAL, marker);
}
