// Extract, step 1: cut a document's text into segments (sentences and sub-clauses) with offsets and the
// heading each sits under. Pure: text in, segments out.
export interface Segment {
  start: number;
  end: number;
  text: string;
  heading?: string;
}

const ABBREV = /\b(?:Inc|Ltd|Co|Corp|No|Nos|Sec|Secs|Art|Mr|Mrs|Ms|Dr|St|U\.S|U\.K|e\.g|i\.e|etc|vs|v|Jr|Sr|N\.A|L\.P|L\.L\.C|S\.A|B\.V|N\.V|P\.C|Pty|Bhd|approx|para|cf|viz|Id|Ex|Exh|Sch)\.$/i;
const HEADING_LINE = /^\s*(?:(?:ARTICLE|Article|SECTION|Section)\s+[\dIVXLC]+[.:]?\s*)?(?:\d+(?:\.\d+)*\.?\s+)?([A-Z][A-Za-z0-9 ,&'’/()-]{2,80})\s*$/;

function isHeadingLine(line: string): string | undefined {
  const t = line.trim();
  if (t.length < 3 || t.length > 90) return undefined;
  if (/[.;:,]$/.test(t) && !/^\d+(\.\d+)*\.?\s/.test(t)) return undefined;
  const m = HEADING_LINE.exec(t);
  if (!m) return undefined;
  const words = m[1]!.trim().split(/\s+/);
  if (words.length > 10) return undefined;
  const caps = words.filter((w) => /^[A-Z0-9(&]/.test(w)).length;
  if (caps / words.length < 0.6) return undefined;
  return m[1]!.trim().replace(/[.:]$/, '');
}

/** Run-in heading at the start of a paragraph: "12.3 Limitation of Liability. The ..." */
const RUN_IN = /^\s*(?:\(?[\dA-Za-z]{1,4}[.)]\s*)*(?:\d+(?:\.\d+)*\.?\s+)?([A-Z][A-Za-z'’-]+(?:\s+(?:[A-Z][A-Za-z'’-]+|of|and|or|to|for|the|on|in|by|with|a|an)){0,7})\s*[.:]\s+(?=[A-Z("“])/;

export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  let heading: string | undefined;
  // paragraphs: split on blank lines, or on line breaks followed by numbering / capitalised headings
  const paraRe = /\n\s*\n|\n(?=\s*(?:\(?[a-z0-9]{1,4}\)|\d+(?:\.\d+)*\.?\s|[A-Z][A-Z ]{3,}\b|ARTICLE|Section\s+\d))/g;
  let last = 0;
  const paras: Array<[number, number]> = [];
  for (let m; (m = paraRe.exec(text)); ) {
    paras.push([last, m.index]);
    last = m.index + m[0].length;
  }
  paras.push([last, text.length]);
  for (const [ps, pe] of paras) {
    const raw = text.slice(ps, pe);
    if (!raw.trim()) continue;
    const h = isHeadingLine(raw.replace(/\s+/g, ' '));
    if (h && !raw.trim().includes('\n')) {
      heading = h;
      continue;
    }
    let paraHeading = heading;
    const ri = RUN_IN.exec(raw);
    if (ri && ri[1] && ri[1].split(/\s+/).length <= 8) paraHeading = ri[1];
    // sentences
    let s = ps;
    const sentRe = /[.;](?=["”’)]?\s+(?:\(?[a-z0-9ivx]{1,4}\)\s+)?["“(]?[A-Z])|[.;:]\s*\n/g;
    sentRe.lastIndex = 0;
    for (let m; (m = sentRe.exec(raw)); ) {
      const endAbs = ps + m.index + 1;
      const before = text.slice(Math.max(ps, endAbs - 12), endAbs);
      if (ABBREV.test(before) || /\b[A-Z]\.$/.test(before) || /\d\.$/.test(before) && /^\d/.test(text.slice(endAbs).trim())) continue;
      push(out, text, s, endAbs, paraHeading);
      s = endAbs;
    }
    push(out, text, s, pe, paraHeading);
  }
  return out;
}

function push(out: Segment[], text: string, start: number, end: number, heading?: string): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end - start < 2) return;
  out.push({ start, end, text: text.slice(start, end), heading });
}
