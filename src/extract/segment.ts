// Extract, step 1: cut a document's text into segments (sentences and sub-clauses) with exact offsets,
// the heading each sits under, and the lead-in of the list it belongs to. Pure: text in, segments out.
//
// How contracts are written, and what the segmenter does about it:
// - numbered sections and sub-clauses ("12.", "12.3", "(a)", "(iv)", "Section 5.") start new paragraphs;
//   a marker alone on its line is joined to the text that follows it;
// - headings on their own line ("ARTICLE 9 - INSURANCE", "12. TERM AND TERMINATION") and run-in headings
//   ("12.3 Limitation of Liability. The ...") give the heading of what follows, down to the next heading;
//   a section heading is kept under its article heading ("TERM AND TERMINATION / Renewal");
// - a list's lead-in ("Licensee shall not: (a) ...; (b) ...") is kept with each item as `lead`, so that an
//   item can be read with the words that govern it, while its span stays the item alone; an item of the outer
//   list after a nested one ("(a) ... in: (i) ...; (ii) ...; or (b) ...") gets the outer lead-in back, and a
//   sentence that is no item, after a full stop, ends the list;
// - a label with its value on one line ("TERM: November 1, 2014 to October 31, 2017") is text, not a heading;
// - page furniture left by PDFs and EDGAR ("Source: ...", page numbers, "Page 3 of 9", rules of dashes) is
//   skipped, and a sentence broken by a page break is joined across it (its span then covers the furniture);
// - words hyphenated at a line end are read whole (see `matchText`).
// A clause's span is always a slice of the input: text === input.slice(start, end).
export interface Segment {
  start: number;
  end: number;
  text: string;
  /** the heading the segment sits under, "Article / Section" when both are known */
  heading?: string;
  /** the lead-in of the list the segment is an item of ("Licensee shall not:") */
  lead?: string;
  /** the term a definition segment defines ("Confidential Information" means ...) */
  defines?: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}
interface Para {
  start: number;
  end: number;
  lines: Line[];
  marker?: string;
}

/** abbreviations whose dot ends no sentence ("Inc.", "U.S.", "e.g.") */
const ABBREVIATIONS = String.raw`\b(?:Inc|Ltd|Co|Corp|No|Nos|Sec|Secs|Art|Arts|Mr|Mrs|Ms|Dr|St|U\.S|U\.K|e\.g|i\.e|etc|vs|v|Jr|Sr|N\.A|L\.P|L\.L\.C|S\.A|B\.V|N\.V|P\.C|Pty|Bhd|approx|para|paras|cf|viz|Id|Ex|Exh|Sch|Cal|Del|Fla|Mass|Tex|Ill|Pa|Va|Wash|Inst|Dept|Div|Govt|Assn|Bros|Mfg|Intl|Ref|Vol|Pp|S\.p\.A|A\.G|p\.m|a\.m)\.`;
/** an initial ("J. Smith", "Exhibit A. "): its dot ends no sentence either */
const INITIAL = String.raw`(?:^|[\s(])[A-Z]\.`;
const ABBREV = new RegExp(`${ABBREVIATIONS}$`, 'i');
const INITIAL_END = new RegExp(`${INITIAL}$`);

/** page furniture: EDGAR source lines, page numbers, rules, "Page 3 of 9", exhibit stamps */
const NOISE =
  /^(?:source:.{0,200}|-?\s*\d{1,3}\s*-?|page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|[-_=*~.·•]{2,}|\[\*+\]|confidential(?:\s+treatment\s+requested)?|table\s+of\s+contents)$/i;

/** a list or section marker at the start of a line ("12.", "(b)", "ARTICLE 3", "Section 2.1", "a.", a bullet) */
export const MARKER =
  /^(?:(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE|§)\s+[\dIVXLC]+(?:\.\d+)*[.:)]?|\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\(?[a-zA-Z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)\)|[a-zA-Z]\.|[•·▪●◦\-–]\s)(?=\s|$)/;
/** a numbered (not lettered) marker: a new section, which ends the run-in heading above it */
const NUMBERED =
  /^(?:(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE|§)\s+[\dIVXLC]+|\d{1,3}(?:\.\d{1,3})*[.)]?)(?=\s|$)/;

const SMALL = new Set([
  'of',
  'and',
  'or',
  'to',
  'for',
  'the',
  'on',
  'in',
  'by',
  'with',
  'a',
  'an',
  'upon',
  'under',
  'as',
  'at',
  'from',
  'its',
  'non',
  'vs',
  '&',
]);

/** A whole line that is a heading: short, mostly capitalised words, no sentence punctuation. */
function headingOfLine(line: string): string | undefined {
  let t = line.trim();
  if (t.length < 3 || t.length > 140) return undefined;
  if (/^[-_=*~]{2}/.test(t)) t = t.replace(/^[-_=*~]+\s*/, '');
  if (/[-_=*~]{2}$/.test(t)) t = t.replace(/[-_=*~]+$/, '').trimEnd();
  if (t.length < 3 || t.length > 100) return undefined;
  t = t.replace(
    /^(?:(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE|PART|Part|SCHEDULE|Schedule|EXHIBIT|Exhibit)\s+[\dIVXLCA-Z]{1,6}(?:\.\d+)*\s*[.:\-–—]?\s*|\d{1,3}(?:\.\d{1,3})*\.?\s+|\(?[a-zA-Z]\)\s+|[A-Z]\.\s+)/,
    '',
  );
  t = t.replace(/[.:]\s*$/, '').trim();
  // a label and its value ("TERM: November 01, 2014 to October 31, 2017") is text, not a heading
  if (t.length < 3 || /[;,]$/.test(t) || /[.!?]\s+\S/.test(t) || /:\s+\S/.test(t)) return undefined;
  if (!/^[A-Z"“(]/.test(t) || /\b(?:shall|will|may|must|hereby|is|are)\b/.test(t)) return undefined;
  const words = t.split(/\s+/);
  if (words.length > 9) return undefined;
  const caps = words.filter((w) => /^["“(]?[A-Z0-9&]/.test(w) || SMALL.has(w.toLowerCase())).length;
  if (caps < words.length) return undefined;
  return t.replace(/\s+/g, ' ');
}

/** "12.3 Limitation of Liability. The ..." → "Limitation of Liability" */
const RUN_IN =
  /^(?:(?:ARTICLE|Article|SECTION|Section|Clause)\s+[\dIVXLC]+(?:\.\d+)*[.:]?\s+|\d{1,3}(?:\.\d{1,3})*\.?\s+|\(?[a-zA-Z]\)\s+|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+)?([A-Z][A-Za-z'’\-/]+(?:,?\s+(?:[A-Z][A-Za-z'’\-/]+|of|and|or|to|for|the|on|in|by|with|a|an|upon|under|&)){0,7})\s*(?:[.:]|\s[-–—])\s+(?=["“(]?[A-Z0-9(])/;

function runInHeading(para: string): string | undefined {
  const m = RUN_IN.exec(para);
  if (!m) return undefined;
  const h = m[1]!;
  const words = h.split(/\s+/);
  if (words.length > 8 || h.length < 3) return undefined;
  // a sentence, not a heading: "This Agreement." / "The Company:"
  if (
    /^(?:This|The|Each|Either|Neither|Any|All|In|If|Upon|No|Such|Notwithstanding|Except|Subject|For|Licensee|Licensor)$/.test(
      words[0]!,
    ) &&
    words.length < 3
  )
    return undefined;
  if (words.filter((w) => /^[A-Z]/.test(w)).length < Math.ceil(words.length / 2)) return undefined;
  return h;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      out.push({ start: s, end: i, text: text.slice(s, i) });
      s = i + 1;
    }
  }
  return out;
}

const endsSentence = (t: string) => /[.;:!?)"”’]\s*$/.test(t);

/** Lines → paragraphs; headings are returned as paragraphs with a `marker` of "#". */
function paragraphs(text: string): Para[] {
  const lines = splitLines(text);
  const paras: Para[] = [];
  let cur: Para | undefined;
  let gap = false; // blank line or furniture since the last text line
  let noiseSinceText = false;
  const close = () => {
    if (cur) paras.push(cur);
    cur = undefined;
  };
  for (const ln of lines) {
    const t = ln.text.trim();
    if (!t) {
      gap = true;
      continue;
    }
    if (NOISE.test(t)) {
      gap = true;
      noiseSinceText = true;
      continue;
    }
    const lead = ln.text.length - ln.text.trimStart().length;
    const line: Line = { start: ln.start + lead, end: ln.start + ln.text.trimEnd().length, text: t };
    const h = headingOfLine(t);
    const marker = MARKER.exec(t)?.[0];
    const prevText = cur ? text.slice(cur.start, cur.end) : '';
    // a sentence broken by a page break or a stray blank line goes on in lower case
    const continues = cur && gap && !marker && !endsSentence(prevText) && /^[a-z]/.test(t) && cur.marker !== '#';
    if (continues) {
      cur!.lines.push(line);
      cur!.end = line.end;
      gap = false;
      noiseSinceText = false;
      continue;
    }
    if (h && !(cur && !gap && !endsSentence(prevText) && !marker)) {
      close();
      paras.push({ start: line.start, end: line.end, lines: [line], marker: '#' });
      gap = false;
      noiseSinceText = false;
      continue;
    }
    // a marker alone on its line ("a.", "(iv)", "12.3") belongs to the text after it
    const markerOnly = marker && t.length <= marker.length + 1;
    if (
      cur &&
      cur.lines.length === 1 &&
      cur.marker &&
      cur.marker !== '#' &&
      text.slice(cur.start, cur.end).trim().length <= cur.marker.length + 1
    ) {
      cur.lines.push(line);
      cur.end = line.end;
      gap = false;
      noiseSinceText = false;
      continue;
    }
    if (!cur || gap || marker) {
      close();
      cur = { start: line.start, end: line.end, lines: [line], marker: marker ?? undefined };
      if (markerOnly) cur.marker = marker;
    } else {
      cur.lines.push(line);
      cur.end = line.end;
    }
    gap = false;
    noiseSinceText = false;
  }
  close();
  void noiseSinceText;
  return paras;
}

/** Sentence ends inside a paragraph: after . ; ? ! followed by a capital, a marker or a quote. */
/** an item's marker inside a paragraph: "(b)", "ii)", "(12)" */
const INLINE_MARKER = String.raw`\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)`;
const SENT_END = new RegExp(
  String.raw`([.;?!])(["”’)]?)(?=\s+(?:\(?[a-z0-9ivx]{1,4}\)\s+|[A-Z]\.\s+)?["“(]?[A-Z0-9])` +
    String.raw`|;(?=\s+(?:and|or|and\/or)?\s*${INLINE_MARKER}\s)` +
    String.raw`|:(?=\s+(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2}|[A-Z])[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s)|([.;:])(?=\s*\n)`,
  'g',
);

/** an item's marker and its first word, right after a sentence end */
const ITEM_NEXT = new RegExp(String.raw`^\s+${INLINE_MARKER}\s+["“]?[A-Z]`);

const MAX_SEGMENT = 1500;

function sentencesOf(text: string, ps: number, pe: number): Array<[number, number]> {
  const raw = text.slice(ps, pe);
  const out: Array<[number, number]> = [];
  let s = ps;
  SENT_END.lastIndex = 0;
  for (let m; (m = SENT_END.exec(raw));) {
    const endAbs = ps + m.index + m[0].length;
    const before = text.slice(Math.max(ps, ps + m.index - 12), ps + m.index + 1);
    // a list or section marker is not a sentence: "a.", "(iv)", "12.3"
    if (
      /^\s*(?:\(?[a-zA-Z0-9]{1,4}[.)]|\d+(?:\.\d+)+\.?|(?:Section|Article|ARTICLE|SECTION)\s+[\dIVXLC.]+)\s*$/.test(
        text.slice(s, endAbs),
      )
    )
      continue;
    if (m[1] === '.' || m[3] === '.') {
      // ... unless an item of a list starts right after it ("as set out in Exhibit D. (c) In the event ...")
      if ((ABBREV.test(before) || INITIAL_END.test(before)) && !ITEM_NEXT.test(text.slice(endAbs, endAbs + 16)))
        continue;
      // "Section 9.", "No. 5": a number right before the dot that is followed by a number
      if (
        /\b(?:Section|Sections|Article|Clause|Paragraph|Schedule|Exhibit)\s+[\d.()a-z]+\.$/i.test(before) &&
        /^\s*\d/.test(text.slice(endAbs, endAbs + 4))
      )
        continue;
    }
    out.push([s, endAbs]);
    s = endAbs;
  }
  out.push([s, pe]);
  // very long runs without sentence ends (tables, run-on lists) are cut at line ends
  const res: Array<[number, number]> = [];
  for (const [a, b] of out) {
    if (b - a <= MAX_SEGMENT) {
      res.push([a, b]);
      continue;
    }
    let x = a;
    while (b - x > MAX_SEGMENT) {
      const nl = text.lastIndexOf('\n', x + MAX_SEGMENT);
      const cut = nl > x + 200 ? nl : x + MAX_SEGMENT;
      res.push([x, cut]);
      x = cut;
    }
    res.push([x, b]);
  }
  return res;
}

const DEFINES =
  /^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?["“]([^"”]{2,80})["”]\s+(?:shall\s+)?(?:means?|has\s+the\s+meaning|includes?|refers?\s+to|shall\s+have\s+the\s+meaning)\b/i;

/** A definition that only points elsewhere ('"Change of Control" has the meaning set forth in Section 14.8.'):
 *  it names a term and says nothing of its own. */
const POINTS_ELSEWHERE =
  /^\s*(?:\(?[a-z0-9ivx]{1,4}(?:\.\d{1,3})*[.)]?\s+)?["“][^"”]{2,80}["”]\s+(?:shall\s+)?(?:has|have)\s+the\s+(?:respective\s+)?meanings?\s+(?:set\s+(?:forth|out)|given|assigned|ascribed|attributed|specified|provided|defined)\b[^.;:]{0,160}\.?\s*$/i;

export function pointsElsewhere(text: string): boolean {
  return text.length < 300 && POINTS_ELSEWHERE.test(text);
}

export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  let article: string | undefined; // heading of a level-1 unit (ARTICLE, "9.", an all-caps line)
  let section: string | undefined; // heading of the current numbered section (own line or run-in)
  let lead: string | undefined;
  let leadKind: string | undefined; // the kind of marker the list's items use ("1.", "(a)", "i.", ...)
  let leadNumber: string | undefined; // the number of the section whose sentence opened the list ("5.3")
  // the list a nested list sits in: its lead-in, its items' kind, and the kind of the item that opened the nested list
  let outer: { lead: string; leadKind: string; kind: string } | undefined;
  let fresh = false; // the last segment opened a list: the next item is its first, whatever its marker
  const headingNow = () =>
    article && section && article !== section ? `${article} / ${section}` : (section ?? article);
  // an item of the outer list after a nested one ("(a) ... in: (i) ...; (ii) ...; (b) ...") reads the outer
  // lead-in again; the first item after a lead-in belongs to the list it opens, whatever its marker
  const backToOuter = (kind: string | undefined): boolean => {
    if (!outer || !kind || fresh || !sameKind(outer.kind, kind)) return false;
    ({ lead, leadKind } = outer);
    outer = undefined;
    return true;
  };
  for (const p of paragraphs(text)) {
    const raw = text.slice(p.start, p.end);
    if (p.marker === '#') {
      const h = headingOfLine(raw.replace(/\s+/g, ' '))!;
      const t = raw.trim();
      const level1 =
        /^(?:ARTICLE|Article|PART|Part)\b/.test(t) ||
        (/^\d{1,3}\.?\s/.test(t) && !/^\d{1,3}\.\d/.test(t)) ||
        h === h.toUpperCase();
      if (level1) {
        article = h;
        section = undefined;
      } else section = h;
      lead = undefined;
      outer = undefined;
      continue;
    }
    const numbered = p.marker ? NUMBERED.test(p.marker) : false;
    const ri = runInHeading(raw.slice(0, 160).replace(/\s+/g, ' '));
    if (ri) {
      if (numbered && /^\d{1,3}\.?$/.test(p.marker!.trim())) {
        article = ri;
        section = undefined;
      } else section = ri;
    } else if (numbered) {
      // a new numbered section without a heading of its own ends the previous section's heading
      section = undefined;
    }
    // list items keep the lead-in of the list while they use the kind of marker its first item used; a
    // paragraph that is not an item, one with a heading of its own, or another kind of marker ends the list
    if (lead) {
      const kind = p.marker ? markerKind(p.marker) : undefined;
      if (ri || !backToOuter(kind)) {
        // a dotted number ("3.19.1") after a lead-in is a new section, unless its text goes on in lower case the
        // sentence the lead-in began ("... or have sold: 3.19.1 any Competing Product ...; or 3.19.2 any ..."), its
        // number is one under the lead-in's ("5.3 ... is not to be construed to: 5.3.1 Grant ..."), or the lead-in
        // stops short of its verb ("... construed to:", "... shall not:")
        const dottedSection =
          kind === 'dotted' &&
          (!leadKind || leadKind === 'dotted') &&
          !/^\s*\S+\s+[a-z]/.test(raw) &&
          !(leadNumber && p.marker!.trim().startsWith(`${leadNumber}.`)) &&
          !UNFINISHED_LEAD.test(lead);
        if (!kind || ri || !(!leadKind || sameKind(leadKind, kind)) || dottedSection) lead = undefined;
        else if (!leadKind || leadKind === 'alpha-or-roman') leadKind = kind;
      }
      if (!lead || !kind || (outer && sameKind(outer.kind, kind))) outer = undefined;
    }
    let first = true;
    for (const [a, b] of sentencesOf(text, p.start, p.end)) {
      const seg = trim(text, a, b);
      if (!seg) continue;
      // "...; or (c) solicit ...": the joining word belongs to the item before, not to the item it introduces
      if (!first) seg[0] += JOINED_ITEM.exec(text.slice(seg[0], seg[0] + 12))?.[0].length ?? 0;
      const s: Segment = { start: seg[0], end: seg[1], text: text.slice(seg[0], seg[1]) };
      const kind = first ? (p.marker ? markerKind(p.marker) : undefined) : itemKind(s.text);
      if (!first) {
        if (kind) backToOuter(kind);
        // a sentence that is no item, after one that ended with a full stop, is past the list
        else if (lead && /[.?!]["”’)]?$/.test(out[out.length - 1]!.text)) {
          lead = undefined;
          outer = undefined;
        }
      }
      first = false;
      fresh = false;
      const h = headingNow();
      if (h) s.heading = h;
      if (lead) s.lead = lead;
      const d = DEFINES.exec(s.text);
      if (d) s.defines = d[1]!.trim();
      // a table of contents names the clauses; it is none of them
      if (isContents(s.text)) continue;
      out.push(s);
      const last = s.text[s.text.length - 1];
      if (
        last === ':' ||
        last === '\u2014' ||
        ((last === 'g' || last === 's') && /\b(?:following|as\s+follows)$/i.test(s.text.slice(-20)))
      ) {
        outer = lead && kind ? { lead, leadKind: leadKind ?? kind, kind } : undefined;
        lead = leadOf(s.text);
        leadNumber = p.marker && NUMBERED.test(p.marker) ? p.marker.trim().replace(/\.$/, '') : undefined;
        leadKind = undefined;
        fresh = true;
      }
    }
  }
  return out;
}

/** Entries of a table of contents run together in one segment: a section number, its title and a page number
 *  ("14.1 Termination By BSP for Cause 33 14.2 Termination For Change Of Control 33 ..."), or an article's.
 *  Filings often print a dotted number against its title ("3.10Cumulative Remedies 12"). */
const CONTENTS_ENTRY =
  /\b(?:\d{1,2}(?:\.\d{1,2})+\.?\s*|(?:ARTICLE|Article|SECTION|Section)\s+[\dIVXL]+\.?\s+)[A-Z][^.;:\d]{1,80}?\s+\d{1,3}(?=\s+(?:\d{1,2}(?:\.\d{1,2})+\.?(?=\s|[A-Z])|(?:ARTICLE|Article|SECTION|Section)\s)|\s*$)/g;

/** Whether a segment is (part of) a table of contents: three entries or more, or two under its title. */
export function isContents(text: string): boolean {
  if (!/\d\s*$/.test(text) && !/\bTABLE\s+OF\s+CONTENTS\b/i.test(text)) return false;
  let n = 0;
  for (const _ of text.matchAll(CONTENTS_ENTRY)) if (++n >= 3) return true;
  return n >= 2 && /\bTABLE\s+OF\s+CONTENTS\b/i.test(text);
}

/** a lead-in that stops before its verb or object: "... is not to be construed to:", "Licensee shall not:" */
const UNFINISHED_LEAD =
  /\b(?:to|not|shall|will|may|must|cannot|from|of|that|by|be|would|should|any|the|either|neither)\s*[:\u2014-]\s*$/i;

const JOINED_ITEM = new RegExp(String.raw`^(?:and\/or|and|or)\s+(?=${INLINE_MARKER}\s)`);
const ITEM_START = new RegExp(String.raw`^${INLINE_MARKER}(?=\s)`);

/** The kind of the marker an item inside a paragraph starts with ("(b) ...", "(ii) ..."), if any. */
function itemKind(t: string): string | undefined {
  const m = ITEM_START.exec(t);
  return m ? markerKind(m[0]) : undefined;
}

/** Two markers of one list: the same kind, or "(i)"/"(v)"/"(x)", which read as letters or roman numerals. */
function sameKind(a: string, b: string): boolean {
  return (
    a === b ||
    (a === 'alpha-or-roman' && (b === 'roman' || b === 'paren-alpha')) ||
    (b === 'alpha-or-roman' && (a === 'roman' || a === 'paren-alpha'))
  );
}

/** "1." / "1)" → num, "(a)" → paren-alpha, "a." → alpha, "(iv)" → roman, "7.2" → dotted, "Section 7" → section */
function markerKind(marker: string): string {
  const m = marker.trim();
  if (/^(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE|§)/.test(m)) return 'section';
  if (/^\d{1,3}(?:\.\d{1,3})+\.?$/.test(m)) return 'dotted';
  if (/^\d{1,3}[.)]$/.test(m)) return 'num';
  if (/^\(\d{1,3}\)$/.test(m)) return 'paren-num';
  if (
    /^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)\)$/.test(m) &&
    m !== '(i)' &&
    m !== 'i)' &&
    m !== '(v)' &&
    m !== '(x)'
  )
    return 'roman';
  if (/^\(?[a-zA-Z]\)$/.test(m)) return /^\(?[ivx]\)$/.test(m) ? 'alpha-or-roman' : 'paren-alpha';
  if (/^[a-zA-Z]\.$/.test(m)) return 'alpha';
  return 'bullet';
}

function trim(text: string, start: number, end: number): [number, number] | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end - start < 2) return undefined;
  if (!/[A-Za-z]{2}/.test(text.slice(start, end))) return undefined; // a bare marker or number
  return [start, end];
}

/** A lead-in as items keep it: its last `LEAD_CHARS` characters, where the words governing the items are. */
export const LEAD_CHARS = 400;
export function leadOf(text: string): string {
  return text.length > LEAD_CHARS ? text.slice(-LEAD_CHARS) : text;
}

/**
 * The text rules read: words hyphenated at a line end joined, every run of white space (line breaks, the column
 * padding of a PDF's text) read as one space, so that a rule's "within N characters" counts words and not layout,
 * and the list's lead-in in front. `leadLength` is how much of the text is lead-in (with its separating space).
 */
export function matchText(seg: Pick<Segment, 'text' | 'lead'>): { text: string; leadLength: number } {
  let t =
    seg.text.includes('-\n') || seg.text.includes('-\r\n')
      ? seg.text.replace(/([a-z])-\r?\n\s*(?=[a-z])/g, '$1')
      : seg.text;
  if (t.includes('.')) t = innerDots(t);
  t = oneSpace(t);
  if (!seg.lead) return { text: t, leadLength: 0 };
  const lead = oneSpace(innerDots(seg.lead));
  return { text: `${lead} ${t}`, leadLength: lead.length + 1 };
}

const SPACE_RUN = /\s{2,}|[^\S ]/g;
function oneSpace(t: string): string {
  return t.replace(SPACE_RUN, ' ');
}

/**
 * Dots that do not end a sentence ("Section 16.02", "U.S.", "Acme Inc. shall") read as a one-dot leader
 * (U+2024), so that a rule's "within one sentence" ([^.;]) is not cut short by them.
 */
const INNER_DOT = /(?<=\w)\.(?=\w)|\.(?=\s+[a-z(,])|\.(?=[,;:])/g;
/** a list item's own marker ("1. Divert ...", "B. Employ ..."): not a sentence end either */
const MARKER_DOT = /^(\s*(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxIVX]{1,4}))\.(?=\s)/;
/** the dot of an abbreviation or an initial, which the segmenter does not take for a sentence end ("KI, Inc. shall", "U.S. Patent") */
// the dot comes first, so that the search jumps from dot to dot instead of trying the look-behind everywhere
const ABBREV_DOT = new RegExp(`\\.(?<=${ABBREVIATIONS})(?=\\s)`, 'gi');
const INITIAL_DOT = new RegExp(`\\.(?<=${INITIAL})(?=\\s)`, 'g');
function innerDots(t: string): string {
  return t
    .replace(ABBREV_DOT, '\u2024')
    .replace(INITIAL_DOT, '\u2024')
    .replace(INNER_DOT, '\u2024')
    .replace(MARKER_DOT, '$1\u2024');
}
