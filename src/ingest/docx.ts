// Ingest: DOCX (WordprocessingML, Transitional or Strict) read from its parts with @xmldom/xmldom.
// The zip is inspected before anything is inflated (./zip.ts). What a plain text view would lose is said
// as warnings: tracked changes (with the deleted text), comments, headers and footers. Footnotes and
// endnotes are kept at the end of the text; list numbers are rebuilt from the numbering part.
// Parts that declare a DTD are refused (Word never writes one): no entity is ever expanded or fetched,
// and no external relationship (image, link, template) is ever opened.
import path from 'node:path/posix';
import { DOMParser, type Element as XElement, type Node as XNode } from '@xmldom/xmldom';
import { errorFor } from '../errors.js';
import type { Warning } from '../schema.js';
import { cleanExtracted } from './clean.js';
import { DEFAULT_ZIP_LIMITS, openZip, type ZipLimits, type ZipPackage } from './zip.js';

export interface DocxText {
  text: string;
  warnings: Warning[];
}

const ELEMENT = 1;

function* children(el: XNode): Generator<XElement> {
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT) yield c as XElement;
}
function child(el: XNode, name: string): XElement | undefined {
  for (const c of children(el)) if (c.localName === name) return c;
  return undefined;
}
/** Attribute by local name, whatever its namespace (Transitional and Strict use different ones). */
function attr(el: XElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if ((a.localName ?? a.name) === name) return a.value;
  }
  return undefined;
}
function val(el: XElement | undefined, name: string): string | undefined {
  return attr(el ? child(el, name) : undefined, 'val');
}
function* descendants(el: XNode, name: string): Generator<XElement> {
  for (const c of children(el)) {
    if (c.localName === name) yield c;
    else yield* descendants(c, name);
  }
}

function parseXml(buf: Buffer, part: string, file: string): XElement {
  let xml = buf.toString(buf[0] === 0xff && buf[1] === 0xfe ? 'utf16le' : 'utf8');
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  // XXE and "billion laughs" both need a DTD; WordprocessingML never has one. Fail closed.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw errorFor(
      'CORRUPT_DOCX',
      file,
      `${part} declares a DTD with entities, which Word never writes; it was not read, for safety`,
    );
  let fatal: string | undefined;
  const parser = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== 'warning') {
        fatal ??= msg;
        throw new Error(msg);
      }
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(xml, 'application/xml');
  } catch (e) {
    throw errorFor(
      'CORRUPT_DOCX',
      file,
      `${part} is not well-formed XML: ${(fatal ?? (e as Error).message).replace(/\s+/g, ' ').slice(0, 100)}`,
    );
  }
  const root = doc.documentElement;
  if (!root) throw errorFor('CORRUPT_DOCX', file, `${part} is empty`);
  return root as unknown as XElement;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relsPathFor(part: string): string {
  return path.join(path.dirname(part), '_rels', path.basename(part) + '.rels');
}

/** Target of a relationship, resolved against the part it belongs to; never outside the package. */
function resolveTarget(fromPart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.slice(1) : path.join(path.dirname(fromPart), t);
  return path
    .normalize(joined)
    .replace(/^(\.\.\/)+/, '')
    .replace(/^\.\//, '');
}

// ---- numbering ---------------------------------------------------------------------------------------

interface Level {
  start: number;
  fmt: string;
  text: string;
}
interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  /** abstract definitions that only point at a numbering style (w:numStyleLink) */
  styleLink: Map<string, string>;
  nums: Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>;
}

function readLevel(lvl: XElement): Level {
  return {
    start: Number(val(lvl, 'start') ?? '1') || 0,
    fmt: val(lvl, 'numFmt') ?? 'decimal',
    text: val(lvl, 'lvlText') ?? '',
  };
}

function readNumbering(root: XElement | undefined): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const styleLink = new Map<string, string>();
  const nums: Numbering['nums'] = new Map();
  if (!root) return { abstract, styleLink, nums };
  for (const el of children(root)) {
    if (el.localName === 'abstractNum') {
      const levels = new Map<number, Level>();
      for (const lvl of children(el))
        if (lvl.localName === 'lvl') levels.set(Number(attr(lvl, 'ilvl') ?? '0'), readLevel(lvl));
      const id = attr(el, 'abstractNumId') ?? '';
      abstract.set(id, levels);
      const link = val(el, 'numStyleLink');
      if (link && !levels.size) styleLink.set(id, link);
    } else if (el.localName === 'num') {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(el)) {
        if (o.localName !== 'lvlOverride') continue;
        const so = val(o, 'startOverride');
        const lvl = child(o, 'lvl');
        overrides.set(Number(attr(o, 'ilvl') ?? '0'), {
          ...(so !== undefined ? { start: Number(so) || 0 } : {}),
          ...(lvl ? { level: readLevel(lvl) } : {}),
        });
      }
      nums.set(attr(el, 'numId') ?? '', { abstractId: val(el, 'abstractNumId') ?? '', overrides });
    }
  }
  return { abstract, styleLink, nums };
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let s = '';
  for (const [v, r] of table)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}
function letters(n: number): string {
  if (n <= 0) return String(n);
  const c = String.fromCharCode(97 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

const KNOWN_FORMATS = new Set([
  'decimal',
  'decimalZero',
  'lowerLetter',
  'upperLetter',
  'lowerRoman',
  'upperRoman',
  'bullet',
  'none',
  'ordinal',
  'cardinalText',
  'ordinalText',
]);

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Word's list counters: shared by the lists of one abstract definition, restarted by a start override. */
class ListCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seenNum = new Set<string>();
  unresolved = 0;
  odd = new Set<string>();
  constructor(
    private readonly numbering: Numbering,
    private readonly styleNum: ReadonlyMap<string, { numId?: string }>,
  ) {}

  /** The abstract definition holding the levels, following numbering-style links. */
  private resolve(abstractId: string): string {
    for (let depth = 0; depth < 5; depth++) {
      const link = this.numbering.styleLink.get(abstractId);
      const numId = link ? this.styleNum.get(link)?.numId : undefined;
      const next = numId ? this.numbering.nums.get(numId)?.abstractId : undefined;
      if (!next || next === abstractId) break;
      abstractId = next;
    }
    return abstractId;
  }

  label(numId: string, ilvl: number): string | undefined {
    if (numId === '0') return undefined;
    const num = this.numbering.nums.get(numId);
    const abstractId = num ? this.resolve(num.abstractId) : '';
    const levels = num ? this.numbering.abstract.get(abstractId) : undefined;
    if (!num || !levels) {
      this.unresolved++;
      return undefined;
    }
    const levelOf = (l: number): Level | undefined => num.overrides.get(l)?.level ?? levels.get(l);
    const key = abstractId;
    const counters = this.counters.get(key) ?? [];
    this.counters.set(key, counters);
    if (!this.seenNum.has(numId)) {
      this.seenNum.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined) counters[l] = o.start - 1;
    }
    const lvl = levelOf(ilvl);
    if (!lvl) {
      this.unresolved++;
      return undefined;
    }
    counters[ilvl] = (counters[ilvl] ?? lvl.start - 1) + 1;
    for (let l = ilvl + 1; l < 9; l++) counters[l] = undefined;
    if (lvl.fmt === 'bullet') return undefined;
    if (!KNOWN_FORMATS.has(lvl.fmt)) this.odd.add(lvl.fmt);
    const label = lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const at = levelOf(l);
      const n = counters[l] ?? at?.start ?? 1;
      return formatNumber(n, at?.fmt ?? 'decimal');
    });
    return label.trim() || undefined;
  }
}

// ---- body text -----------------------------------------------------------------------------------------

interface Change {
  kind: 'insertion' | 'deletion' | 'move' | 'paragraph mark';
  author: string;
  text: string;
}

interface Walk {
  changes: Change[];
  footnoteRefs: Map<string, number>;
  endnoteRefs: Map<string, number>;
  styleNum: Map<string, { numId?: string; ilvl?: number }>;
  lists: ListCounter | undefined;
  numbered: number;
}

function textOf(el: XElement, tag: 't' | 'delText' | 'instrText'): string {
  let s = '';
  for (const t of descendants(el, tag)) s += t.textContent ?? '';
  return s;
}

/** Inline content of a paragraph (runs, insertions, hyperlinks…) in the "all changes accepted" view. */
function inline(el: XElement, w: Walk, out: { text: string; boxes: XElement[] }): void {
  for (const c of children(el)) {
    switch (c.localName) {
      case 'r':
        run(c, w, out);
        break;
      case 'del': {
        const t = textOf(c, 'delText');
        if (t) w.changes.push({ kind: 'deletion', author: attr(c, 'author') ?? '', text: t });
        break;
      }
      case 'moveFrom': {
        const t = textOf(c, 't');
        if (t) w.changes.push({ kind: 'move', author: attr(c, 'author') ?? '', text: t });
        break;
      }
      case 'ins':
      case 'moveTo': {
        const before = out.text.length;
        inline(c, w, out);
        if (c.localName === 'ins')
          w.changes.push({ kind: 'insertion', author: attr(c, 'author') ?? '', text: out.text.slice(before) });
        break;
      }
      case 'AlternateContent': {
        const choice = child(c, 'Choice') ?? child(c, 'Fallback');
        if (choice) inline(choice, w, out);
        break;
      }
      case 'oMathPara':
      case 'oMath': // equations: their text runs (m:t) in order
        out.text += textOf(c, 't');
        break;
      case 'pPr':
      case 'rPr':
      case 'proofErr':
      case 'bookmarkStart':
      case 'bookmarkEnd':
      case 'commentRangeStart':
      case 'commentRangeEnd':
      case 'permStart':
      case 'permEnd':
        break;
      case 'sdt': {
        const content = child(c, 'sdtContent');
        if (content) inline(content, w, out);
        break;
      }
      default: // hyperlink, smartTag, fldSimple, customXml, dir, bdo…: their runs are text
        inline(c, w, out);
    }
  }
}

function run(r: XElement, w: Walk, out: { text: string; boxes: XElement[] }): void {
  for (const c of children(r)) {
    switch (c.localName) {
      case 't':
        out.text += c.textContent ?? '';
        break;
      case 'tab':
      case 'ptab':
        out.text += '\t';
        break;
      case 'br':
      case 'cr':
        out.text += '\n';
        break;
      case 'noBreakHyphen':
        out.text += '-';
        break;
      case 'footnoteReference':
      case 'endnoteReference': {
        const refs = c.localName === 'footnoteReference' ? w.footnoteRefs : w.endnoteRefs;
        const id = attr(c, 'id') ?? '';
        if (!refs.has(id)) refs.set(id, refs.size + 1);
        const n = refs.get(id)!;
        out.text += c.localName === 'footnoteReference' ? `[${n}]` : `[${roman(n)}]`;
        break;
      }
      case 'drawing':
      case 'pict':
      case 'object':
        for (const box of descendants(c, 'txbxContent')) out.boxes.push(box);
        break;
      case 'AlternateContent': {
        const choice = child(c, 'Choice') ?? child(c, 'Fallback');
        if (choice) run(choice, w, out);
        break;
      }
      case 'delText': {
        const t = c.textContent ?? '';
        if (t) w.changes.push({ kind: 'deletion', author: '', text: t });
        break;
      }
      default:
        break; // rPr, fldChar, instrText (field codes), lastRenderedPageBreak, sym, softHyphen…
    }
  }
}

function paragraphNumbering(p: XElement, w: Walk): string | undefined {
  if (!w.lists) return undefined;
  const pPr = child(p, 'pPr');
  const numPr = pPr ? child(pPr, 'numPr') : undefined;
  let numId = val(numPr, 'numId');
  let ilvlS = val(numPr, 'ilvl');
  if (numId === undefined) {
    const style = val(pPr, 'pStyle');
    const s = style ? w.styleNum.get(style) : undefined;
    if (s?.numId) {
      numId = s.numId;
      ilvlS ??= s.ilvl !== undefined ? String(s.ilvl) : undefined;
    }
  }
  if (numId === undefined) return undefined;
  const label = w.lists.label(numId, Number(ilvlS ?? '0') || 0);
  if (label) w.numbered++;
  return label;
}

/** Block content (body, cell, text box, note, header): paragraphs, each ending "\n\n"; tables cell by cell. */
function blocks(el: XElement, w: Walk, out: string[]): void {
  let joinNext = false;
  for (const c of children(el)) {
    if (c.localName === 'p') {
      const acc = { text: '', boxes: [] as XElement[] };
      const label = paragraphNumbering(c, w);
      inline(c, w, acc);
      const para = (label ? `${label} ` : '') + acc.text;
      if (joinNext && out.length) out[out.length - 1] += para;
      else out.push(para);
      // a deleted paragraph mark joins this paragraph with the next once the change is accepted
      const markRPr = child(child(c, 'pPr') ?? c, 'rPr');
      const markDel = markRPr ? child(markRPr, 'del') : undefined;
      const markIns = markRPr ? child(markRPr, 'ins') : undefined;
      if (markDel) w.changes.push({ kind: 'paragraph mark', author: attr(markDel, 'author') ?? '', text: '' });
      if (markIns) w.changes.push({ kind: 'paragraph mark', author: attr(markIns, 'author') ?? '', text: '' });
      joinNext = !!markDel;
      for (const box of acc.boxes) blocks(box, w, out);
      continue;
    }
    joinNext = false;
    switch (c.localName) {
      case 'tbl':
        table(c, 'tr', w, out);
        break;
      case 'sdt': {
        const sc = child(c, 'sdtContent');
        if (sc) blocks(sc, w, out);
        break;
      }
      case 'customXml':
      case 'ins':
      case 'moveTo':
        blocks(c, w, out);
        break;
      case 'del':
      case 'moveFrom': {
        const t = textOf(c, 'delText') || textOf(c, 't');
        if (t)
          w.changes.push({
            kind: c.localName === 'del' ? 'deletion' : 'move',
            author: attr(c, 'author') ?? '',
            text: t,
          });
        break;
      }
      case 'AlternateContent': {
        const ch = child(c, 'Choice') ?? child(c, 'Fallback');
        if (ch) blocks(ch, w, out);
        break;
      }
      default:
        break; // sectPr, bookmarks…
    }
  }
}

/** Rows of a table, then cells of a row, cell by cell; rows or cells may sit inside content controls. */
function table(el: XElement, want: 'tr' | 'tc', w: Walk, out: string[]): void {
  for (const c of children(el)) {
    if (c.localName === want) {
      if (want === 'tr') table(c, 'tc', w, out);
      else blocks(c, w, out);
    } else if (c.localName === 'sdt' || c.localName === 'customXml') {
      table(child(c, 'sdtContent') ?? c, want, w, out);
    }
  }
}

function plain(el: XElement, w: Walk): string {
  const out: string[] = [];
  blocks(el, w, out);
  return out
    .map((s) => s.trim())
    .filter(Boolean)
    .join('\n');
}

function quote(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`;
}

function listQuotes(items: readonly string[], maxItems = 5): string {
  const shown = items
    .slice(0, maxItems)
    .map((s) => quote(s))
    .join('; ');
  return items.length > maxItems ? `${shown}; and ${items.length - maxItems} more` : shown;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- the package ---------------------------------------------------------------------------------------

const REL = (type: string) => (r: Rel) => r.type.endsWith('/' + type);

export async function readDocx(buf: Buffer, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<DocxText> {
  const zip = await openZip(buf, file, limits);
  try {
    return await readPackage(zip, file);
  } finally {
    zip.close();
  }
}

async function readPackage(zip: ZipPackage, file: string): Promise<DocxText> {
  if ([...zip.entries.values()].some((e) => e.encrypted))
    throw errorFor('ENCRYPTED_DOCUMENT', file, 'a zip whose entries are encrypted');
  const warnings: Warning[] = [];
  const readPart = async (name: string): Promise<XElement | undefined> => {
    const b = await zip.read(name);
    return b ? parseXml(b, name, file) : undefined;
  };
  const readRels = async (part: string): Promise<Rel[]> => {
    const root = await readPart(relsPathFor(part));
    if (!root) return [];
    const rels: Rel[] = [];
    for (const r of children(root)) {
      if (r.localName !== 'Relationship') continue;
      const external = (attr(r, 'TargetMode') ?? '').toLowerCase() === 'external';
      const target = attr(r, 'Target') ?? '';
      rels.push({
        id: attr(r, 'Id') ?? '',
        type: attr(r, 'Type') ?? '',
        target: external ? target : resolveTarget(part, target),
        external,
      });
    }
    return rels;
  };

  // the main part: named by the package relationships (it need not be word/document.xml)
  const pkgRels = zip.names.has('_rels/.rels') ? await readRels('') : [];
  let main = pkgRels.find((r) => !r.external && REL('officeDocument')(r))?.target;
  if (!main && zip.names.has('word/document.xml')) main = 'word/document.xml';
  if (!main || !zip.names.has(main)) {
    const what = [...zip.names].some((n) => n.startsWith('xl/'))
      ? 'it is an Excel workbook'
      : [...zip.names].some((n) => n.startsWith('ppt/'))
        ? 'it is a PowerPoint file'
        : zip.names.has('mimetype')
          ? 'it is an OpenDocument or EPUB package'
          : zip.names.size === 0
            ? 'the archive is empty'
            : undefined;
    throw errorFor('NOT_A_WORD_DOCUMENT', file, what);
  }
  const docRoot = await readPart(main);
  const body = docRoot ? child(docRoot, 'body') : undefined;
  if (!docRoot || docRoot.localName !== 'document' || !body)
    throw errorFor('NOT_A_WORD_DOCUMENT', file, `${main} is not a WordprocessingML document`);
  const rels = await readRels(main);
  const partOf = (type: string) => rels.find((r) => !r.external && REL(type)(r))?.target;

  // styles that carry numbering (a "List Number" style), with basedOn inheritance
  const styleNum = new Map<string, { numId?: string; ilvl?: number }>();
  const stylesPart = partOf('styles');
  const stylesRoot = stylesPart ? await readPart(stylesPart) : undefined;
  if (stylesRoot) {
    const raw = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
    for (const s of children(stylesRoot)) {
      if (s.localName !== 'style') continue;
      const numPr = child(child(s, 'pPr') ?? s, 'numPr');
      const ilvl = val(numPr, 'ilvl');
      raw.set(attr(s, 'styleId') ?? '', {
        numId: val(numPr, 'numId'),
        ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
        basedOn: val(s, 'basedOn'),
      });
    }
    for (const id of raw.keys()) {
      let cur = raw.get(id);
      for (let depth = 0; cur && depth < 20; depth++) {
        if (cur.numId) {
          styleNum.set(id, { numId: cur.numId, ...(cur.ilvl !== undefined ? { ilvl: cur.ilvl } : {}) });
          break;
        }
        cur = cur.basedOn ? raw.get(cur.basedOn) : undefined;
      }
    }
  }
  const numberingPart = partOf('numbering');
  const numberingRoot = numberingPart ? await readPart(numberingPart) : undefined;
  const w: Walk = {
    changes: [],
    footnoteRefs: new Map(),
    endnoteRefs: new Map(),
    styleNum,
    lists: new ListCounter(readNumbering(numberingRoot), styleNum),
    numbered: 0,
  };
  const paras: string[] = [];
  blocks(body, w, paras);
  if (w.lists && (w.lists.unresolved > 0 || w.lists.odd.size)) {
    const why = !numberingRoot
      ? 'the document has no numbering definitions'
      : w.lists.odd.size
        ? `number formats ${[...w.lists.odd].join(', ')} were written as plain numbers`
        : 'some list definitions are missing';
    warnings.push({
      code: 'LIST_NUMBERS',
      message: `${plural(w.lists.unresolved || w.lists.odd.size, 'list number')} could not be rebuilt exactly (${why}); clause numbers in the text may be missing or differ from Word's.`,
    });
  }

  // footnotes and endnotes: kept, at the end of the text, numbered as referenced
  const notes = async (
    type: 'footnotes' | 'endnotes',
    refs: Map<string, number>,
    heading: string,
    mark: (n: number) => string,
  ) => {
    const part = partOf(type);
    const root = part ? await readPart(part) : undefined;
    if (!root) return;
    const byId = new Map<string, XElement>();
    for (const n of children(root)) {
      const t = attr(n, 'type');
      if (t === 'separator' || t === 'continuationSeparator' || t === 'continuationNotice') continue;
      byId.set(attr(n, 'id') ?? '', n);
    }
    const inner: Walk = { ...w, changes: w.changes, footnoteRefs: new Map(), endnoteRefs: new Map(), lists: undefined };
    const lines: string[] = [];
    const ordered = [...refs.entries()].sort((a, b) => a[1] - b[1]);
    for (const [id, n] of ordered) {
      const note = byId.get(id);
      if (note) lines.push(`${mark(n)} ${plain(note, inner)}`);
    }
    let extra = ordered.length;
    for (const [id, note] of byId) if (!refs.has(id)) lines.push(`${mark(++extra)} ${plain(note, inner)}`);
    if (lines.length) paras.push(heading, ...lines);
  };
  await notes('footnotes', w.footnoteRefs, 'Footnotes', (n) => `[${n}]`);
  await notes('endnotes', w.endnoteRefs, 'Endnotes', (n) => `[${roman(n)}]`);

  // headers and footers: not part of the analysed text, said with their text
  const hf: string[] = [];
  for (const r of rels) {
    if (r.external || !(REL('header')(r) || REL('footer')(r))) continue;
    const root = await readPart(r.target);
    const t = root ? plain(root, { ...w, changes: [], lists: undefined }) : '';
    if (t && !hf.includes(t)) hf.push(t);
  }
  if (hf.length)
    warnings.push({
      code: 'HEADERS_FOOTERS',
      message: `Headers and footers were not analysed (${plural(hf.length, 'distinct text')}): ${listQuotes(hf)}.`,
    });

  // comments: not contract text; said, with their authors and text
  const commentsPart = partOf('comments');
  const commentsRoot = commentsPart ? await readPart(commentsPart) : undefined;
  if (commentsRoot) {
    const items: string[] = [];
    const authors = new Set<string>();
    for (const c of children(commentsRoot)) {
      if (c.localName !== 'comment') continue;
      const a = attr(c, 'author');
      if (a) authors.add(a);
      items.push(`${a ? a + ': ' : ''}${plain(c, { ...w, changes: [], lists: undefined })}`);
    }
    if (items.length)
      warnings.push({
        code: 'COMMENTS',
        message: `${plural(items.length, 'comment')}${authors.size ? ` by ${[...authors].join(', ')}` : ''} ${items.length === 1 ? 'was' : 'were'} not analysed as contract text: ${listQuotes(items)}.`,
      });
  }

  if (w.changes.length) {
    const authors = [...new Set(w.changes.map((c) => c.author).filter(Boolean))];
    const count = (k: Change['kind']) => w.changes.filter((c) => c.kind === k).length;
    const parts = [
      count('insertion') && plural(count('insertion'), 'insertion'),
      count('deletion') && plural(count('deletion'), 'deletion'),
      count('move') && plural(count('move'), 'move'),
      count('paragraph mark') && plural(count('paragraph mark'), 'paragraph-mark change'),
    ]
      .filter(Boolean)
      .join(', ');
    const deleted = w.changes.filter((c) => c.kind === 'deletion' && c.text.trim()).map((c) => c.text);
    warnings.push({
      code: 'TRACKED_CHANGES',
      message: `The document has unaccepted tracked changes${authors.length ? ` by ${authors.join(', ')}` : ''} (${parts}). The text analysed is the view with all changes accepted${deleted.length ? `; deleted text, not analysed: ${listQuotes(deleted)}` : ''}. Accept or reject the changes in Word to analyse the version you mean.`,
    });
  }
  // hyperlinks are ordinary; linked pictures, objects, templates or sub-documents hold content we never open
  const external = rels.filter((r) => r.external && !REL('hyperlink')(r)).length;
  if (external)
    warnings.push({
      code: 'EXTERNAL_CONTENT',
      message: `The document refers to ${plural(external, 'external file', 'external files')} (linked pictures, objects or templates); none was opened, so any text in them was not analysed.`,
    });

  const text = cleanExtracted(paras.join('\n\n') + (paras.length ? '\n\n' : ''))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '');
  return { text, warnings };
}
