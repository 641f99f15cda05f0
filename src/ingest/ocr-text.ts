// OCR, the pure part: tesseract's TSV output (one row per page, block, paragraph, line and word, with a
// confidence per word) into page text laid out as a text layer would be (lines of a paragraph one per line,
// paragraphs apart by an empty line), each page with its mean word confidence and a verdict: read, blank
// or illegible. The verdicts are measured on ../shared/badinput's scans and the scanned fixture.

export interface OcrPage {
  /** 1-based page of the input the text came from */
  page: number;
  text: string;
  /** words tesseract read (with a letter or digit) */
  words: number;
  /** mean word confidence, 0 to 100 (0 when no word) */
  confidence: number;
  /** 'unrendered': poppler could not draw the page, so OCR never saw it */
  verdict: 'read' | 'blank' | 'illegible' | 'unrendered';
  /** the words as laid out: what comes before each (space, line or paragraph break) and the gap to the
   *  word before on its line, in heights of the taller of the two */
  tokens?: Token[];
}

export interface Token {
  sep: '' | ' ' | '\n' | '\n\n';
  text: string;
  gap: number;
}

/** Below this mean word confidence a page is too poor to analyse. */
export const ILLEGIBLE_BELOW = 45;
/** Below this a page is read but its clauses are marked for review (OCR errors likely in numbers and names). */
export const REVIEW_BELOW = 80;
/** A page with fewer confident words than this reads as nothing: a stain, a stamp, a logo. */
const MIN_WORDS = 3;

interface Word {
  key: string; // page.block.par.line
  par: string; // page.block.par
  text: string;
  conf: number;
  left: number;
  width: number;
  height: number;
}

/** Pages of tesseract's TSV (columns level, page_num, block_num, par_num, line_num, word_num, left, top,
 *  width, height, conf, text), numbered from `firstPage` (its page_num 1). Pages with no word still count. */
export function parseTsv(tsv: string, firstPage = 1): OcrPage[] {
  const byPage = new Map<number, Word[]>();
  let lastPage = 0;
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c.length < 12 || !/^\d+$/.test(c[0]!)) continue;
    const page = +c[1]!;
    lastPage = Math.max(lastPage, page);
    if (c[0] !== '5') continue;
    const text = c.slice(11).join(' ').trim();
    const conf = Number(c[10]);
    if (!text || !Number.isFinite(conf) || conf < 0) continue;
    // specks read as punctuation ("~", "_", "|"): a mark with no letter or digit that tesseract doubts
    if (conf < 50 && !/[\p{L}\p{N}]/u.test(text)) continue;
    const list = byPage.get(page) ?? [];
    list.push({
      key: `${c[2]}.${c[3]}.${c[4]}`,
      par: `${c[2]}.${c[3]}`,
      text,
      conf,
      left: +c[6]!,
      width: +c[8]!,
      height: +c[9]!,
    });
    byPage.set(page, list);
  }
  const pages: OcrPage[] = [];
  for (let p = 1; p <= Math.max(1, lastPage); p++) pages.push(pageOf(byPage.get(p) ?? [], firstPage + p - 1));
  return pages;
}

function pageOf(words: readonly Word[], page: number): OcrPage {
  const tokens: Token[] = [];
  let prev: Word | undefined;
  for (const w of words) {
    const sep = !prev ? '' : prev.par !== w.par ? '\n\n' : prev.key !== w.key ? '\n' : ' ';
    const gap = sep === ' ' ? (w.left - prev!.left - prev!.width) / Math.max(1, prev!.height, w.height) : Infinity;
    tokens.push({ sep, text: w.text, gap });
    prev = w;
  }
  const text = tokens.map((t) => t.sep + t.text).join('');
  const real = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));
  const confidence = real.length ? real.reduce((s, w) => s + w.conf, 0) / real.length : 0;
  const sure = real.filter((w) => w.conf >= 60 && /\p{L}{2}/u.test(w.text)).length;
  const verdict: OcrPage['verdict'] =
    real.length === 0 || (sure < MIN_WORDS && real.length < MIN_WORDS * 2)
      ? 'blank'
      : confidence < ILLEGIBLE_BELOW || sure < MIN_WORDS
        ? 'illegible'
        : 'read';
  return {
    page,
    text: verdict === 'read' ? text : '',
    words: real.length,
    confidence: Math.round(confidence),
    verdict,
    ...(verdict === 'read' ? { tokens } : {}),
  };
}

/** A gap this narrow (in letter heights) inside a word's letters, not between words (those measure 0.3 to 0.4). */
const SPLIT_GAP = 0.3;
const SPLIT_GAP_KNOWN = 0.45;

/**
 * Tesseract sometimes reads a capital that a font sets apart from the rest of its word as a word of its own
 * ("C onsultant", "A greement", "0 bligation"). Such a letter is joined to the word after it when the gap
 * is narrow and the joined word is one the document uses elsewhere, or when the gap is narrower still and
 * the rest is no word of the document's ("A party" stays two words). Works over all pages at once.
 */
export function joinSplitWords(pages: readonly OcrPage[]): OcrPage[] {
  const vocabulary = new Set<string>();
  const lone = (t: Token | undefined) => !!t && /^[A-Z0]$/.test(t.text);
  // the words of the document, but not the rest of a word whose capital stands apart
  for (const p of pages)
    (p.tokens ?? []).forEach((t, i, all) => {
      if (!(t.sep === ' ' && lone(all[i - 1]))) vocabulary.add(t.text.toLowerCase().replace(/[^\p{L}]/gu, ''));
    });
  return pages.map((p) => {
    if (!p.tokens) return p;
    let text = '';
    for (let i = 0; i < p.tokens.length; i++) {
      const t = p.tokens[i]!;
      const next = p.tokens[i + 1];
      text += t.sep;
      const letter = lone(t) ? (t.text === '0' ? 'O' : t.text) : undefined;
      if (letter && next && next.sep === ' ' && /^[a-z]{2,}/.test(next.text)) {
        const rest = next.text.toLowerCase().replace(/[^\p{L}]/gu, '');
        const known = vocabulary.has(letter.toLowerCase() + rest);
        if ((known && next.gap < SPLIT_GAP_KNOWN) || (next.gap < SPLIT_GAP && !vocabulary.has(rest))) {
          text += letter + next.text;
          i++;
          continue;
        }
      }
      text += t.text;
    }
    return { ...p, text };
  });
}

/** "3, 4 and 7" (at most 12 named). */
export function pageList(pages: readonly number[]): string {
  if (pages.length > 12) return `${pages.slice(0, 12).join(', ')} and ${pages.length - 12} more`;
  return pages.length > 1 ? `${pages.slice(0, -1).join(', ')} and ${pages.at(-1)}` : String(pages[0] ?? '');
}

/** The review note of a clause on `page` of a document read by OCR: set when that page read below REVIEW_BELOW. */
export function ocrReview(
  ocrPages: readonly { page: number; confidence: number }[] | undefined,
  pages: readonly (number | undefined)[],
): string | undefined {
  const low = (ocrPages ?? []).filter((p) => p.confidence < REVIEW_BELOW && pages.includes(p.page));
  if (!low.length) return undefined;
  return `read by OCR at ${low.map((p) => `${p.confidence}% on p. ${p.page}`).join(', ')} word confidence: check it against the scan`;
}
