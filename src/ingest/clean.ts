// Ingest: text clean-up for extracted (PDF/DOCX) text. Never applied to .txt input, whose offsets must
// point into the file as it is. PDF pages are cleaned one by one and then joined, so page i of the
// result starts exactly at pageStarts[i].
const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/** Characters-level clean-up shared by every extracted format. */
export function cleanExtracted(text: string): string {
  return (
    text
      .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
      // Arabic presentation forms (what PDF glyphs map to) back to letters, so words read and match
      .replace(/[\uFB50-\uFDFF\uFE70-\uFEFE]+/g, (s) => s.normalize('NFKC'))
      .replace(/\u017Ft/g, 'st') // long-s + t, what the "st" ligature glyph often maps to
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00A0\u2007\u202F]/g, ' ')
      .replace(/[\u00AD\uFEFF]/g, '')
      // C0 controls other than tab and newline: unmapped glyphs (a proof's end mark, a bullet), never text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
  );
}

/** pdf-parse's page separators ("-- 3 of 12 --"), should any reach us. */
const PAGE_MARKER = /^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/;
/** A line that is only a page number: "12", "- 12 -", "Page 3", "Page 3 of 10", "3/10", "iv". */
const PAGE_NUMBER =
  /^\s*(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—([]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—)\]]?(?:\s*(?:of|\/|von|de|sur)\s*\d{1,4})?\s*$/i;

/** The running header/footer key of a line: digits and case do not matter ("Page 3 of 9" ≈ "Page 4 of 9"). */
function lineKey(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const ZONE = 3; // lines at the top and at the bottom of a page where running headers/footers live

interface Lines {
  lines: string[];
  first: number[];
  last: number[];
}

function edges(p: Lines): number[] {
  return [p.first[0], p.last[p.last.length - 1]].filter((i): i is number => i !== undefined);
}

function pageLines(page: string): Lines {
  const lines = page.split('\n');
  const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  return { lines, first: nonEmpty.slice(0, ZONE), last: nonEmpty.slice(-ZONE) };
}

/** Join words split by line-end hyphenation ("agree-\nment" → "agreement"), keeping real compounds
 *  ("third-\nparty" stays "third-party" when the document writes it so elsewhere). */
function joinHyphenation(page: string, vocabulary: ReadonlySet<string>, hyphenated: ReadonlySet<string>): string {
  return page.replace(
    /([A-Za-zÀ-ÖØ-öø-ÿ]{2,})-[ \t]*\n[ \t]*([a-zß-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ]*)/g,
    (_m, a: string, b: string) => {
      const joined = (a + b).toLowerCase();
      const compound = `${a}-${b}`.toLowerCase();
      return hyphenated.has(compound) && !vocabulary.has(joined) ? `${a}-${b}` : a + b;
    },
  );
}

/** Accents that some PDFs draw as separate glyphs after the letter ("prote ´ge ´", "Luı´s"). */
const SPACING_ACCENTS: Record<string, string> = {
  '\u00B4': '\u0301',
  '\u00A8': '\u0308',
  '\u02C6': '\u0302',
  '\u02DC': '\u0303',
  '\u00B8': '\u0327',
  '\u02C7': '\u030C',
  '\u02DA': '\u030A',
};

function joinAccents(s: string): string {
  return s
    .replace(
      /([A-Za-z\u0131\u0237])[ \t]?([\u00B4\u00A8\u02C6\u02DC\u00B8\u02C7\u02DA])/g,
      (_m, base: string, accent: string) =>
        (base === '\u0131' ? 'i' : base === '\u0237' ? 'j' : base) + SPACING_ACCENTS[accent],
    )
    .normalize('NFC');
}

export interface CleanPages {
  text: string;
  pageStarts: number[];
}

/** Clean PDF page texts and join them: page markers, page numbers and repeated running headers/footers go;
 *  line-end hyphenation is joined; whitespace inside lines is tidied. */
export function cleanPdfPages(rawPages: readonly string[]): CleanPages {
  const pages = rawPages.map((p) =>
    joinAccents(cleanExtracted(p))
      .split('\n')
      .map((l) => l.replace(/[ \t\f\v]+/g, ' ').trimEnd())
      .filter((l) => !PAGE_MARKER.test(l))
      .join('\n'),
  );
  // running headers and footers: the same line (digits aside) at the top or bottom of many pages
  const parsed = pages.map(pageLines);
  // Two kinds: a line near the top or bottom on at least half the pages ("CONFIDENTIAL", "Source: …");
  // and a first or last line that carries the page number and repeats on a few pages ("18 1.6. WEGE UND
  // KNOTEN", "Page 3 — Services Agreement"), as chapter-dependent running heads do.
  const drop = new Set<string>();
  const dropAtEdge = new Set<string>();
  if (pages.length >= 3) {
    const inZone = new Map<string, number>();
    const atEdge = new Map<string, number>();
    for (const p of parsed) {
      for (const k of new Set([...p.first, ...p.last].map((i) => lineKey(p.lines[i]!))))
        if (k) inZone.set(k, (inZone.get(k) ?? 0) + 1);
      for (const k of new Set(edges(p).map((i) => lineKey(p.lines[i]!))))
        if (k) atEdge.set(k, (atEdge.get(k) ?? 0) + 1);
    }
    const need = Math.max(3, Math.ceil(pages.length * 0.5));
    for (const [k, n] of inZone) if (n >= need && k.length <= 200) drop.add(k);
    for (const [k, n] of atEdge)
      if (n >= 3 && k.length <= 120 && /^#|#$/.test(k) && /\p{L}{3}/u.test(k)) dropAtEdge.add(k);
  }
  const stripped = parsed.map((p) => {
    const zone = new Set([...p.first, ...p.last]);
    const edge = new Set(edges(p));
    return p.lines
      .filter((l, i) => {
        if (zone.has(i) && drop.has(lineKey(l))) return false;
        if (edge.has(i) && (PAGE_NUMBER.test(l) || dropAtEdge.has(lineKey(l)))) return false;
        return true;
      })
      .join('\n');
  });
  const all = stripped.join('\n');
  const vocabulary = new Set((all.match(/[A-Za-zÀ-ÖØ-öø-ÿ]{4,}/g) ?? []).map((w) => w.toLowerCase()));
  const hyphenated = new Set(
    (all.match(/[A-Za-zÀ-ÖØ-öø-ÿ]{2,}-[A-Za-zÀ-ÖØ-öø-ÿ]{2,}/g) ?? []).map((w) => w.toLowerCase()),
  );
  const pageStarts: number[] = [];
  let text = '';
  for (const p of stripped) {
    pageStarts.push(text.length);
    const body = joinHyphenation(p, vocabulary, hyphenated)
      .replace(/^\n+/, '')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/\s+$/, '');
    text += body + '\n\n';
  }
  if (!pageStarts.length) pageStarts.push(0);
  return { text, pageStarts };
}
