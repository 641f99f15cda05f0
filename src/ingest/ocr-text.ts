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
    list.push({ key: `${c[2]}.${c[3]}.${c[4]}`, par: `${c[2]}.${c[3]}`, text, conf });
    byPage.set(page, list);
  }
  const pages: OcrPage[] = [];
  for (let p = 1; p <= Math.max(1, lastPage); p++) pages.push(pageOf(byPage.get(p) ?? [], firstPage + p - 1));
  return pages;
}

function pageOf(words: readonly Word[], page: number): OcrPage {
  let text = '';
  let prev: Word | undefined;
  for (const w of words) {
    if (prev) text += prev.par !== w.par ? '\n\n' : prev.key !== w.key ? '\n' : ' ';
    text += w.text;
    prev = w;
  }
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
  };
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
