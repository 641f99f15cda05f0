// The view of a Report that the HTML/PDF and Markdown formatters share: findings in order of weight,
// the executive summary, the conflict matrix, key terms per contract, the calendar and the appendix.
// Pure: a Report in, plain data out. Every string here is still untrusted; formatters escape it.
import { valueLabel, valueWords } from '../value-words.js';
import path from 'node:path';
import type { CitedClause, ContractSummary, Deadline, Finding, KeyTerm, Report, Severity } from '../schema.js';
import { KEY_TERMS, SEVERITY_ORDER } from '../schema.js';
import { visible, visibleName } from '../names.js';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** One letter per severity, so the matrix and badges read in black and white too. */
export const SEVERITY_LETTER: Record<Severity, string> = { critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I' };

export const KEY_TERM_LABEL: Record<KeyTerm, string> = {
  parties: 'Parties',
  counterparty: 'Counterparty',
  effectiveDate: 'Effective date',
  expiryDate: 'Expiry date',
  term: 'Term',
  renewal: 'Renewal',
  renewalNoticeDays: 'Renewal notice',
  terminationNotice: 'Termination notice',
  liabilityCap: 'Liability cap',
  insurance: 'Insurance',
  ipPosition: 'IP position',
  restrictiveCovenants: 'Restrictive covenants',
  governingLaw: 'Governing law',
  paymentTerms: 'Payment terms',
  invoicing: 'Invoicing',
};

export const DEADLINE_LABEL: Record<Deadline['kind'], string> = {
  'renewal-notice': 'Renewal notice deadline',
  expiry: 'Expiry',
  'restriction-end': 'Restriction ends',
  other: 'Deadline',
};

/** Longest quote shown in full; longer clauses are cut with a note pointing at the page. */
export const MAX_QUOTE_CHARS = 2400;
/** The matrix shows at most this many contracts (those with the most findings); the rest are listed. */
export const MATRIX_MAX = 30;
/** The executive summary names at most this many findings. */
export const SUMMARY_MAX = 5;

export { visible };

/** A file as the report names it: the base name (a backslash is part of a name here, not a folder),
 *  made visible (control, bidi and zero-width characters marked). */
export function displayName(file: string): string {
  return visibleName(path.basename(file) || file);
}

export interface QuoteView {
  file: string;
  name: string;
  category: string;
  page?: number;
  pageLabel: string;
  text: string;
  truncated: boolean;
  values: { key: string; value: string }[];
  /** why to check this quote against the original (read by OCR with little confidence) */
  review?: string;
  /** how sure extraction is that the clause is of its category, as shown: "0.93" */
  confidence?: string;
}

export interface FindingView {
  n: number;
  id: string; // anchor
  severity: Severity;
  letter: string;
  title: string;
  message: string;
  why?: string;
  suggestion?: string;
  draft: boolean;
  ruleId: string;
  /** the finding's stable id, for `waive:` in clausemap.yaml */
  findingId?: string;
  /** the reason the user gave for waiving it */
  waived?: string;
  documents: string[]; // display names
  files: string[]; // the documents' paths, as in the report
  /** quotes side by side: one column per contract, in the finding's document order */
  columns: { name: string; quotes: QuoteView[] }[];
}

export interface MatrixCell {
  x: number;
  y: number;
  cx: number;
  cy: number;
  diagonal: boolean;
  severity?: Severity;
  fill: string;
  hatch: string;
  letter: string;
  count: number;
  title: string;
}

/** Fill colour by severity; the hatching (below) keeps them apart in black and white. */
export const SEVERITY_FILL: Record<Severity, string> = {
  critical: '#c62828',
  high: '#ef6c00',
  medium: '#fbc02d',
  low: '#c5e1a5',
  info: '#bbdefb',
};

const r1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The hatching of a square at (x, y) of side s, as SVG path data: crossed diagonals (critical), one
 * diagonal (high), dots (medium), horizontal lines (low), none (info). Drawn as plain lines rather than
 * SVG patterns, which Chromium would print as one bitmap per square.
 */
export function hatch(severity: Severity, x: number, y: number, s: number, step = 6): string {
  const d: string[] = [];
  const seg = (u1: number, v1: number, u2: number, v2: number): void => {
    d.push(`M${r1(x + u1)} ${r1(y + v1)}L${r1(x + u2)} ${r1(y + v2)}`);
  };
  if (severity === 'critical' || severity === 'high') {
    for (let c = step; c < 2 * s; c += step)
      seg(Math.max(0, c - s), Math.min(c, s), Math.min(c, s), Math.max(0, c - s));
  }
  if (severity === 'critical') {
    for (let c = -s + step; c < s; c += step)
      seg(Math.max(0, -c), Math.max(0, c), Math.min(s, s - c), Math.min(s, s + c));
  }
  if (severity === 'medium') {
    for (let v = step / 2; v < s; v += step)
      for (let u = step / 2; u < s; u += step) d.push(`M${r1(x + u)} ${r1(y + v)}h0.01`);
  }
  if (severity === 'low') for (let v = step / 2; v < s; v += step) seg(0, v, s, v);
  return d.join('');
}
export interface MatrixView {
  size: number; // px of the square drawing
  cell: number;
  offset: number; // room for axis labels
  edge: number; // where the axis labels sit
  font: number; // letter size in the cells
  labels: { i: number; label: string; name: string; pos: number; findings: number }[];
  cells: MatrixCell[];
  swatches: { severity: Severity; letter: string; fill: string; hatch: string }[];
  /** findings over three or more contracts: not pairs, so listed instead of drawn */
  wide: { n: number; id: string; severity: Severity; letter: string; title: string; contracts: number }[];
  hidden: number; // contracts not drawn
  pairs: number; // contract pairs in conflict
}

export interface ContractView {
  n: number;
  id: string;
  name: string;
  file: string;
  title?: string;
  status: string;
  findings: number;
  worst?: Severity;
  terms: { label: string; value: string; missing: boolean }[];
  /** the findings this contract is part of, most severe first */
  related: { n: number; id: string; severity: Severity; letter: string; title: string; others: string[] }[];
  deadlines: { date: string; kindLabel: string; title: string }[];
  /** other files holding the same contract, read as this one */
  copies?: string[];
  /** what amendments changed, one sentence each */
  amended?: string[];
}

export interface DeadlineView {
  date: string;
  month: string;
  kind: Deadline['kind'];
  kindLabel: string;
  name: string;
  title: string;
  page?: number;
  relative: string;
  past: boolean;
}

export interface ReportView {
  title: string;
  command: Report['command'];
  portfolioName: string;
  generatedAt: string;
  generatedDate: string; // yyyy-mm-dd (UTC)
  tool: Report['tool'];
  draftName?: string;
  /** the clausemap.yaml applied, made visible */
  configFile?: string;
  me?: string;
  /** why `me` is who it is, or why it is unknown */
  meWhy?: string;
  counts: { documents: number; analysed: number; failed: number; contracts: number; findings: number };
  severityCounts: { severity: Severity; letter: string; count: number }[];
  burdenScore?: string;
  failed: { name: string; code: string; message: string }[];
  headline: string;
  summary: FindingView[];
  findings: FindingView[];
  matrix?: MatrixView;
  contracts: ContractView[];
  contractPages: boolean; // one page per contract (small portfolios)
  months: { month: string; label: string; deadlines: DeadlineView[] }[];
  deviations: { term: string; position: string; found: string; level: string; page?: number }[];
  priorities: { term: string; engagement: number; portfolio: number; bucket: string; reason: string }[];
  documents: {
    name: string;
    kind: string;
    pages: string;
    status: string;
    sha256: string;
    sha256Lines: string[];
    bytes: string;
    warnings: string[];
  }[];
  rules: { id: string; title: string }[];
}

/** A key term's display value: the checker's keyTerms first, then the summary's own fields. */
export function keyTermValue(c: ContractSummary, k: KeyTerm): string | undefined {
  return (
    c.keyTerms[k] ??
    (k === 'counterparty'
      ? c.counterparty
      : k === 'effectiveDate'
        ? c.effectiveDate
        : k === 'expiryDate'
          ? c.expiryDate
          : undefined)
  );
}

export function bySeverity(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
    b.documents.length - a.documents.length ||
    a.title.localeCompare(b.title)
  );
}

/**
 * Clause text for display: the line breaks a PDF puts inside a paragraph become spaces; paragraph breaks
 * and lines that start a list item ((a), 1., •) stay.
 */
export function reflow(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/(?<!\n)[ \t]*\n(?!\n|\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|[•\-–*])\s)[ \t]*/gi, ' ')
    .replace(/\n{3,}/g, '\n\n');
}

function quoteView(c: CitedClause): QuoteView {
  const clean = visible(reflow(c.text)).trim();
  const truncated = clean.length > MAX_QUOTE_CHARS;
  return {
    file: c.file,
    name: displayName(c.file),
    category: c.category,
    ...(c.page ? { page: c.page } : {}),
    pageLabel: c.page ? `p. ${c.page}` : 'page not known',
    text: truncated ? clean.slice(0, MAX_QUOTE_CHARS).replace(/\s+\S*$/, '') + ' …' : clean,
    truncated,
    values: Object.entries(c.values ?? {}).map(([key, value]) => ({
      key: valueLabel(key),
      value: visible(valueWords(key, value)),
    })),
    ...(c.review ? { review: visible(c.review) } : {}),
    ...(c.confidence !== undefined ? { confidence: c.confidence.toFixed(2) } : {}),
  };
}

/** Warnings that ask a person to check a document's text against its scan (the CSV's Review column). */
export const REVIEW_WARNINGS: ReadonlySet<string> = new Set(['OCR', 'ILLEGIBLE_PAGES']);

function findingView(f: Finding, n: number): FindingView {
  const order = [...f.documents];
  for (const c of f.clauses) if (!order.includes(c.file)) order.push(c.file);
  const columns = order.map((file) => ({
    name: displayName(file),
    quotes: f.clauses.filter((c) => c.file === file).map(quoteView),
  }));
  return {
    n,
    id: `finding-${n}`,
    severity: f.severity,
    letter: SEVERITY_LETTER[f.severity],
    title: visible(f.title),
    message: visible(f.message),
    ...(f.why ? { why: visible(f.why) } : {}),
    ...(f.suggestion ? { suggestion: visible(f.suggestion) } : {}),
    draft: !!f.draft,
    ruleId: f.ruleId,
    ...(f.id ? { findingId: f.id } : {}),
    ...(f.waived ? { waived: visible(f.waived) } : {}),
    documents: order.map(displayName),
    files: order,
    columns,
  };
}

/** Contracts of the report: the portfolio's list when the checker gave one, else every readable document. */
export function contractsOf(report: Report): ContractSummary[] {
  if (report.portfolio?.contracts.length) return report.portfolio.contracts;
  return report.documents
    .filter((d) => d.status === 'ok')
    .map((d) => ({
      file: d.file,
      ...(d.title ? { title: d.title } : {}),
      status: report.draft === d.file ? 'draft' : 'signed',
      keyTerms: {},
    }));
}

export function worst(fs: readonly Finding[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of fs) if (!w || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[w]) w = f.severity;
  return w;
}

function matrixView(contracts: readonly ContractSummary[], findings: readonly Finding[]): MatrixView | undefined {
  if (contracts.length < 2) return undefined;
  const count = new Map<string, number>();
  for (const f of findings) for (const d of new Set(f.documents)) count.set(d, (count.get(d) ?? 0) + 1);
  const indexOf = new Map(contracts.map((c, i) => [c.file, i]));
  let shown = contracts.map((c, i) => ({ c, i }));
  if (shown.length > MATRIX_MAX) {
    shown = [...shown]
      .sort((a, b) => (count.get(b.c.file) ?? 0) - (count.get(a.c.file) ?? 0) || a.i - b.i)
      .slice(0, MATRIX_MAX)
      .sort((a, b) => a.i - b.i);
  }
  const pos = new Map(shown.map((s, k) => [s.c.file, k]));
  const n = shown.length;
  const cell = Math.max(14, Math.min(56, Math.floor(400 / n)));
  const offset = 34;
  const pairFindings = new Map<string, Finding[]>();
  const pairsInConflict = new Set<string>();
  for (const f of findings) {
    const docs = [...new Set(f.documents)].filter((d) => indexOf.has(d));
    const add = (a: string, b: string): void => {
      const key = `${a}\u0000${b}`;
      const list = pairFindings.get(key) ?? [];
      list.push(f);
      pairFindings.set(key, list);
    };
    if (docs.length > 2) continue; // portfolio-wide: listed under the matrix, not drawn as pairs
    if (docs.length === 1) add(docs[0]!, docs[0]!);
    for (const a of docs)
      for (const b of docs)
        if (a !== b) {
          add(a, b);
          pairsInConflict.add([a, b].sort().join('\u0000'));
        }
  }
  const cells: MatrixCell[] = [];
  for (const a of shown)
    for (const b of shown) {
      const fs = pairFindings.get(`${a.c.file}\u0000${b.c.file}`) ?? [];
      const w = worst(fs);
      const x = offset + pos.get(b.c.file)! * cell;
      const y = offset + pos.get(a.c.file)! * cell;
      const pair =
        a.c.file === b.c.file ? displayName(a.c.file) : `${displayName(a.c.file)} × ${displayName(b.c.file)}`;
      cells.push({
        x,
        y,
        cx: x + cell / 2,
        cy: y + cell / 2,
        diagonal: a.c.file === b.c.file,
        letter: w ? SEVERITY_LETTER[w] : '',
        count: fs.length,
        ...(w ? { severity: w } : {}),
        fill: w ? SEVERITY_FILL[w] : a.c.file === b.c.file ? '#e6e6e6' : '#ffffff',
        hatch: w ? hatch(w, x, y, cell) : '',
        title: w ? `${pair}: ${fs.length} finding${fs.length === 1 ? '' : 's'}, worst ${w}` : pair,
      });
    }
  return {
    size: offset + n * cell + 2,
    cell,
    offset,
    edge: offset - 6,
    font: Math.max(8, Math.round(cell * 0.45)),
    labels: shown.map((s, k) => ({
      i: s.i + 1,
      label: String(s.i + 1),
      name: displayName(s.c.file),
      pos: offset + k * cell + cell / 2,
      findings: count.get(s.c.file) ?? 0,
    })),
    cells,
    swatches: SEVERITIES.map((sv) => ({
      severity: sv,
      letter: SEVERITY_LETTER[sv],
      fill: SEVERITY_FILL[sv],
      hatch: hatch(sv, 0, 0, 14, 4.5),
    })),
    wide: [],
    hidden: contracts.length - n,
    pairs: pairsInConflict.size,
  };
}

function groupBy<T>(items: readonly T[], keys: (t: T) => readonly string[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    for (const k of new Set(keys(it))) {
      const list = m.get(k);
      if (list) list.push(it);
      else m.set(k, [it]);
    }
  }
  return m;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function monthLabel(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? month
    : d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function portfolioNameOf(report: Report): string {
  const docs = report.documents.filter((d) => d.file !== report.draft);
  const dirs = new Set(docs.map((d) => path.basename(path.dirname(path.resolve(d.file.replace(/\\/g, '/'))))));
  return dirs.size === 1
    ? visible([...dirs][0]!)
    : `${plural(docs.length, 'file')} from ${plural(dirs.size, 'folder')}`;
}

export function buildView(report: Report): ReportView {
  const findings = [...report.findings].sort(bySeverity).map((f, i) => findingView(f, i + 1));
  const contracts = contractsOf(report);
  const ok = report.documents.filter((d) => d.status === 'ok');
  const failed = report.documents.filter((d) => d.status !== 'ok');
  const generatedDate = report.generatedAt.slice(0, 10);
  const severityCounts = SEVERITIES.map((s) => ({
    severity: s,
    letter: SEVERITY_LETTER[s],
    count: report.findings.filter((f) => f.severity === s).length,
  }));
  const nonzero = severityCounts.filter((s) => s.count);
  const what = report.command === 'check' ? 'signing the draft would add' : 'the portfolio holds';
  const headline = report.findings.length
    ? `clausemap read ${ok.length} of ${plural(report.documents.length, 'file')} and found that ${what} ${plural(report.findings.length, 'conflict or risk', 'conflicts or risks')}: ${nonzero.map((s) => `${s.count} ${s.severity}`).join(', ')}.`
    : `clausemap read ${ok.length} of ${plural(report.documents.length, 'file')} and found no conflict between them${failed.length ? ' (files that could not be read were not checked)' : ''}.`;

  const findingsByFile = groupBy(report.findings, (f) => f.documents);
  const viewsByFile = groupBy(findings, (f) => f.files);

  const calendar = [...(report.portfolio?.calendar ?? [])].sort(
    (a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file),
  );
  const calendarByFile = groupBy(calendar, (d) => [d.file]);
  const months: ReportView['months'] = [];
  for (const d of calendar) {
    const month = d.date.slice(0, 7);
    let m = months.at(-1);
    if (!m || m.month !== month) months.push((m = { month, label: monthLabel(month), deadlines: [] }));
    const days = daysBetween(generatedDate, d.date);
    m.deadlines.push({
      date: d.date,
      month,
      kind: d.kind,
      kindLabel: DEADLINE_LABEL[d.kind],
      name: displayName(d.file),
      title: visible(d.title),
      ...(d.clause?.page ? { page: d.clause.page } : {}),
      relative: Number.isNaN(days)
        ? ''
        : days === 0
          ? 'today'
          : days > 0
            ? `in ${plural(days, 'day')}`
            : `${plural(-days, 'day')} ago`,
      past: days < 0,
    });
  }

  return {
    title: visible(report.title),
    command: report.command,
    portfolioName: portfolioNameOf(report),
    generatedAt: report.generatedAt,
    generatedDate,
    tool: report.tool,
    ...(report.draft ? { draftName: displayName(report.draft) } : {}),
    ...(report.config ? { configFile: visible(report.config) } : {}),
    ...(report.portfolio?.me ? { me: visible(report.portfolio.me) } : {}),
    ...(report.portfolio?.meWhy ? { meWhy: visible(report.portfolio.meWhy) } : {}),
    counts: {
      documents: report.documents.length,
      analysed: ok.length,
      failed: failed.length,
      contracts: contracts.length,
      findings: report.findings.length,
    },
    severityCounts,
    ...(report.portfolio?.burdenScore !== undefined
      ? { burdenScore: String(Math.round(report.portfolio.burdenScore * 10) / 10) }
      : {}),
    failed: failed.map((d) => ({
      name: displayName(d.file),
      code: d.error?.code ?? d.status.toUpperCase(),
      message: visible(d.error?.message ?? `${d.file}: ${d.status}`),
    })),
    headline: visible(headline),
    summary: findings.filter((f) => f.severity !== 'info').slice(0, SUMMARY_MAX),
    findings,
    ...(() => {
      const m = matrixView(contracts, report.findings);
      if (!m) return {};
      const inPortfolio = new Set(contracts.map((c) => c.file));
      m.wide = findings
        .filter((f) => f.files.filter((x) => inPortfolio.has(x)).length > 2)
        .map((f) => ({
          n: f.n,
          id: f.id,
          severity: f.severity,
          letter: f.letter,
          title: f.title,
          contracts: f.files.filter((x) => inPortfolio.has(x)).length,
        }));
      return { matrix: m };
    })(),
    contracts: contracts.map((c, i) => {
      const fs = findingsByFile.get(c.file) ?? [];
      const w = worst(fs);
      return {
        n: i + 1,
        id: `contract-${i + 1}`,
        name: displayName(c.file),
        file: c.file,
        ...(c.title ? { title: visibleName(c.title) } : {}),
        status: c.status,
        ...(c.copies?.length ? { copies: c.copies.map(displayName) } : {}),
        ...(c.amendedBy?.length
          ? {
              amended: c.amendedBy.map(
                (a) =>
                  `Section ${visible(a.section)}${a.sectionTitle ? ` (${visible(a.sectionTitle)})` : ''} ${a.action} by ${displayName(a.by)}: ${a.removed.map((r) => visible(r)).join(', ')} no longer read from this contract.`,
              ),
            }
          : {}),
        findings: fs.length,
        ...(w ? { worst: w } : {}),
        terms: KEY_TERMS.map((k) => {
          const v = keyTermValue(c, k);
          return { label: KEY_TERM_LABEL[k], value: v ? visible(v) : 'not found', missing: !v };
        }),
        related: (viewsByFile.get(c.file) ?? []).map((f) => ({
          n: f.n,
          id: f.id,
          severity: f.severity,
          letter: f.letter,
          title: f.title,
          others: f.files.filter((x) => x !== c.file).map(displayName),
        })),
        deadlines: (calendarByFile.get(c.file) ?? []).map((d) => ({
          date: d.date,
          kindLabel: DEADLINE_LABEL[d.kind],
          title: visible(d.title),
        })),
      };
    }),
    contractPages: contracts.length <= 12,
    months,
    deviations: (report.portfolio?.deviations ?? []).map((d) => ({
      term: visible(d.term),
      position: visible(d.position),
      found: visible(d.found),
      level: d.level,
      ...(d.clause?.page ? { page: d.clause.page } : {}),
    })),
    priorities: (report.portfolio?.priorities ?? []).map((p) => ({
      term: visible(p.term),
      engagement: p.impactEngagement,
      portfolio: p.impactPortfolio,
      bucket: p.bucket,
      reason: visible(p.reason),
    })),
    documents: report.documents.map((d) => ({
      name: displayName(d.file),
      kind: d.kind ?? '—',
      pages: d.pages !== undefined ? String(d.pages) : '—',
      status: d.status === 'ok' ? 'read' : (d.error?.code ?? d.status),
      sha256: d.sha256 ?? '—',
      sha256Lines: d.sha256 ? [d.sha256.slice(0, 32), d.sha256.slice(32)] : ['—'],
      bytes: d.bytes !== undefined ? d.bytes.toLocaleString('en-GB') : '—',
      warnings: d.warnings.map((w) => visible(w.message)),
    })),
    rules: (report.rules ?? []).map((r) => ({ id: visible(r.id), title: visible(r.title) })),
  };
}
