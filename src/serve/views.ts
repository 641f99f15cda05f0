// What the pages of `clausemap serve` show, built from the report view the other formats share
// (src/report/view.ts): links from each quote to the contract's text, the conflict matrix as a table of
// links, and the view per counterparty. Pure: a Report in, plain data out; every string is still untrusted
// and the templates escape it.
import {
  bySeverity,
  buildView,
  contractsOf,
  displayName,
  SEVERITIES,
  visible,
  type ReportView,
} from '../report/view.js';
import type { CitedClause, ContractSummary, Report } from '../schema.js';
import { valueWords } from '../value-words.js';

/** Where a quote opens: the contract view at the clause. */
export type ClauseHref = (c: Pick<CitedClause, 'file' | 'start' | 'end'>) => string | undefined;

export interface MatrixRow {
  n: number;
  name: string;
  cells: { label: string; letter: string; severity?: string; count: number; href?: string; diagonal: boolean }[];
}

export interface PageView extends ReportView {
  matrixRows?: MatrixRow[];
  matrixHead?: { n: number; name: string }[];
  parties: { key: string; name: string; contracts: number; findings: number }[];
}

/** The report view with a link on every quote, and the matrix as rows of cells that open their findings. */
export function pageView(report: Report, href: ClauseHref, partyHref: (key: string) => string): PageView {
  const view = buildView(report);
  const sorted = [...report.findings].sort(bySeverity);
  const findings = view.findings.map((fv, i) => {
    const f = sorted[i]!;
    return {
      ...fv,
      columns: fv.columns.map((col, k) => {
        const own = f.clauses.filter((c) => c.file === fv.files[k]);
        return { ...col, quotes: col.quotes.map((q, j) => ({ ...q, href: own[j] ? href(own[j]) : undefined })) };
      }),
    };
  });
  const out: PageView = { ...view, findings, parties: parties(report).map((p) => ({ ...p, href: partyHref(p.key) })) };
  const m = view.matrix;
  if (m) {
    const n = m.labels.length;
    const all = contractsOf(report);
    const shown = m.labels.map((l) => all[l.i - 1]!.file);
    out.matrixHead = m.labels.map((l) => ({ n: l.i, name: l.name }));
    out.matrixRows = m.labels.map((l, r) => ({
      n: l.i,
      name: l.name,
      cells: m.cells.slice(r * n, r * n + n).map((c, k) => {
        const a = shown[r]!,
          b = shown[k]!;
        const first = findings.find((f) =>
          a === b
            ? f.files.length === 1 && f.files[0] === a
            : f.files.length === 2 && f.files.includes(a) && f.files.includes(b),
        );
        return {
          label: c.title,
          letter: c.letter,
          ...(c.severity ? { severity: c.severity } : {}),
          count: c.count,
          ...(first ? { href: `#${first.id}` } : {}),
          diagonal: c.diagonal,
        };
      }),
    }));
  }
  return out;
}

/** A counterparty's key in a link: its name folded to letters and digits. */
export function partyKey(name: string | undefined): string {
  const k = (name ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return k || 'unknown';
}

function contractsByParty(report: Report): Map<string, ContractSummary[]> {
  const m = new Map<string, ContractSummary[]>();
  for (const c of report.portfolio?.contracts ?? []) {
    if (c.status === 'draft') continue;
    const k = partyKey(c.counterparty);
    m.set(k, [...(m.get(k) ?? []), c]);
  }
  return m;
}

export function parties(report: Report): { key: string; name: string; contracts: number; findings: number }[] {
  return [...contractsByParty(report)].map(([key, cs]) => ({
    key,
    name: visible(cs[0]!.counterparty ?? 'Counterparty not found'),
    contracts: cs.length,
    findings: report.findings.filter((f) => cs.some((c) => f.documents.includes(c.file))).length,
  }));
}

export interface PartyView {
  key: string;
  name: string;
  contracts: {
    name: string;
    title?: string;
    status: string;
    start: string;
    expiry: string;
    renewal: string;
    noticeBy?: string;
    restrictions: string;
    tails: { date: string; title: string }[];
    rates: { text: string; href?: string }[];
    payment: string;
    duties: { text: string; href?: string }[];
  }[];
  findings: { id: string; severity: string; letter: string; title: string; message: string }[];
}

const or = (v: string | undefined, missing = 'not found'): string => (v ? visible(v) : missing);

/** Everything with one counterparty: each contract's dates, restrictions and their tails, rates, invoicing
 *  and reporting duties, and the findings that involve any of them. Undefined for an unknown key. */
export function partyView(report: Report, key: string, href: ClauseHref): PartyView | undefined {
  const cs = contractsByParty(report).get(key);
  if (!cs) return undefined;
  const clausesOf = (file: string) => report.documents.find((d) => d.file === file)?.clauses ?? [];
  const cal = report.portfolio?.calendar ?? [];
  const files = new Set(cs.map((c) => c.file));
  const view = buildView(report);
  return {
    key,
    name: visible(cs[0]!.counterparty ?? 'Counterparty not found'),
    contracts: cs.map((c) => {
      const clauses = clausesOf(c.file);
      const cite = (cl: (typeof clauses)[number]) => href({ file: c.file, start: cl.start, end: cl.end });
      const notice = cal.find((d) => d.file === c.file && d.kind === 'renewal-notice');
      return {
        name: displayName(c.file),
        ...(c.title ? { title: visible(c.title) } : {}),
        status: c.status,
        start: or(c.effectiveDate ?? c.keyTerms.effectiveDate),
        expiry: or(c.expiryDate ?? c.keyTerms.expiryDate),
        renewal: or(c.keyTerms.renewal, 'no renewal found'),
        ...(notice ? { noticeBy: notice.date } : {}),
        restrictions: or(c.keyTerms.restrictiveCovenants, 'none found'),
        tails: cal
          .filter((d) => d.file === c.file && d.kind === 'restriction-end')
          .map((d) => ({ date: d.date, title: visible(d.title) })),
        rates: clauses
          .filter((cl) => cl.category === 'admin.fees' && cl.attributes?.rate !== undefined)
          .map((cl) => ({ text: visible(valueWords('rate', cl.attributes!.rate)), href: cite(cl) })),
        payment: or(c.keyTerms.paymentTerms),
        duties: [
          ...(c.keyTerms.invoicing ? [{ text: `Invoicing: ${visible(c.keyTerms.invoicing)}` }] : []),
          ...clauses
            .filter((cl) => cl.category === 'admin.invoicing' || /\breport(s|ing)?\b/i.test(cl.heading ?? ''))
            .map((cl) => ({ text: visible(cl.text.replace(/\s+/g, ' ').slice(0, 300)), href: cite(cl) })),
        ],
      };
    }),
    findings: view.findings
      .filter((f) => f.files.some((x) => files.has(x)))
      .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
      .map((f) => ({ id: f.id, severity: f.severity, letter: f.letter, title: f.title, message: f.message })),
  };
}
