// Synthetic reports for the report tests and the render benchmark (scripts/bench-report.mjs): a portfolio
// of n invented contracts with key terms, cross-contract findings quoting clauses with pages and values,
// and a deadline calendar. Deterministic (no randomness, fixed date) so renders can be compared.
import type { ContractSummary, Deadline, DocumentResult, Finding, Report, Severity } from '../schema.js';
import { VERSION } from '../paths.js';

const CLIENTS = [
  'Northwind Analytics',
  'Contoso Health',
  'Fabrikam Robotics',
  'Tailspin Media',
  'Adventure Works',
  'Litware Legal',
  'Proseware',
  'Wingtip Toys',
  'Lucerne Publishing',
  'Margie Travel',
];
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const CLAUSES: Record<string, (client: string, n: number) => string> = {
  'ip.ownership-assignment': (c) =>
    `Consultant hereby assigns to ${c} all right, title and interest in and to the Deliverables and all Pre-Existing Materials incorporated therein, including all intellectual property rights, whether or not such materials were created before the Effective Date.`,
  'ip.license-grant': (c) =>
    `Consultant grants ${c} a non-exclusive, perpetual, worldwide licence to use the Consultant Toolkit, including the data-pipeline library first developed by Consultant in 2022, for ${c}'s internal business purposes.`,
  'restrict.non-compete': (c, n) =>
    `During the Term and for ${6 + (n % 7)} months thereafter, Consultant shall not provide services to any competitor of ${c} in the field of retail demand forecasting anywhere in the European Union.`,
  'term.termination-for-convenience': (c, n) =>
    `Either party may terminate this Agreement for convenience on ${[7, 14, 30, 60, 90][n % 5]} days' written notice to the other party. ${c} shall pay for all Services performed up to the date of termination.`,
  'admin.payment-terms': (c, n) =>
    `${c} shall pay each undisputed invoice within ${[14, 30, 45, 60][n % 4]} days of receipt. Invoices shall be issued monthly in arrears and state the purchase order number.`,
};

/** A clause of contract n: the same text and page whichever finding cites it. */
function clause(file: string, category: string, client: string, n: number, values: Record<string, unknown>) {
  const text = CLAUSES[category]!(client, n);
  const k = Object.keys(CLAUSES).indexOf(category);
  return { file, category, start: 1000 * k, end: 1000 * k + text.length, page: 1 + ((n + k) % 6), text, values };
}

export function syntheticReport(
  n: number,
  opts: { findings?: number; generatedAt?: string; failed?: number } = {},
): Report {
  const generatedAt = opts.generatedAt ?? '2026-11-26T12:00:00.000Z';
  const contracts: ContractSummary[] = [];
  const documents: DocumentResult[] = [];
  const calendar: Deadline[] = [];
  for (let i = 0; i < n; i++) {
    const client = `${CLIENTS[i % CLIENTS.length]}${i >= CLIENTS.length ? ` ${Math.floor(i / CLIENTS.length) + 1}` : ''}`;
    const file = `portfolio/${String(i + 1).padStart(3, '0')}-${client.toLowerCase().replace(/\W+/g, '-')}-msa.${i % 2 ? 'docx' : 'pdf'}`;
    const year = 2027 + (i % 3);
    const month = String((i % 12) + 1).padStart(2, '0');
    contracts.push({
      file,
      title: `Master Services Agreement with ${client}`,
      counterparty: client,
      status: 'signed',
      effectiveDate: `2025-${month}-01`,
      expiryDate: `${year}-${month}-01`,
      keyTerms: {
        parties: `Jane Doe Consulting Ltd (Consultant); ${client} (Client)`,
        counterparty: client,
        effectiveDate: `2025-${month}-01`,
        expiryDate: `${year}-${month}-01`,
        term: `${year - 2025} years`,
        renewal: i % 3 ? 'Automatic, 12 months' : 'None',
        renewalNoticeDays: i % 3 ? '60 days before expiry' : '',
        terminationNotice: `${[7, 14, 30, 60, 90][i % 5]} days, for convenience`,
        liabilityCap: i % 4 ? `Fees paid in the prior ${6 * (1 + (i % 2))} months` : 'Uncapped',
        ipPosition: i % 2 ? 'Assigned to client, incl. pre-existing materials' : 'Licensed, consultant keeps ownership',
        restrictiveCovenants:
          i % 3 === 0
            ? `Non-compete ${6 + (i % 7)} months, EU, retail forecasting`
            : 'Non-solicit of employees, 12 months',
        governingLaw: ['England and Wales', 'New York', 'Germany', 'Delaware'][i % 4]!,
        paymentTerms: `Net ${[14, 30, 45, 60][i % 4]}`,
        ...(i % 5 === 0 ? {} : { invoicing: 'Monthly in arrears, PO number required' }),
      },
    });
    documents.push({
      file,
      status: 'ok',
      kind: i % 2 ? 'docx' : 'pdf',
      pages: 6 + (i % 9),
      chars: 20_000 + i,
      bytes: 48_000 + 13 * i,
      sha256: (i.toString(16).padStart(8, '0') + 'c0ffee').repeat(5).slice(0, 64),
      warnings: [],
      clauses: [],
    });
    calendar.push({ date: `${year}-${month}-01`, kind: 'expiry', file, title: `Agreement with ${client} expires` });
    if (i % 3) {
      const d = new Date(Date.parse(`${year}-${month}-01T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
      calendar.push({
        date: d,
        kind: 'renewal-notice',
        file,
        title: `Last day to give notice of non-renewal to ${client} (60 days before expiry)`,
      });
    }
  }
  for (let k = 0; k < (opts.failed ?? 0); k++) {
    documents.push({
      file: `portfolio/scan-${k + 1}.pdf`,
      status: 'error',
      error: {
        code: 'NO_TEXT_LAYER',
        message: `portfolio/scan-${k + 1}.pdf: no text layer (scanned?): the PDF holds images of pages, not text. Run OCR on it (e.g. ocrmypdf) and try again.`,
      },
      warnings: [],
      clauses: [],
    });
  }
  const findings: Finding[] = [];
  const total = opts.findings ?? Math.max(0, Math.min(n * 2, 400));
  const kinds = [
    {
      rule: 'portfolio/background-ip',
      cats: ['ip.ownership-assignment', 'ip.license-grant'],
      title: 'Background IP assigned to one client and licensed to another',
    },
    {
      rule: 'portfolio/non-compete-overlap',
      cats: ['restrict.non-compete', 'ip.license-grant'],
      title: "Non-compete covers another client's field",
    },
    {
      rule: 'portfolio/notice-mismatch',
      cats: ['term.termination-for-convenience', 'term.termination-for-convenience'],
      title: 'Termination notice periods do not match',
    },
    {
      rule: 'portfolio/payment-terms',
      cats: ['admin.payment-terms', 'admin.payment-terms'],
      title: 'Payment terms differ across clients',
    },
  ];
  for (let f = 0; f < total && n >= 2; f++) {
    const a = (f * 7) % n;
    const b = (a + 1 + (f % Math.max(1, n - 1))) % n === a ? (a + 1) % n : (a + 1 + (f % Math.max(1, n - 1))) % n;
    const kind = kinds[f % kinds.length]!;
    const ca = contracts[a]!;
    const cb = contracts[b]!;
    findings.push({
      ruleId: kind.rule,
      severity: SEVERITIES[(f * 3) % SEVERITIES.length]!,
      title: kind.title,
      message: `${ca.counterparty}'s agreement (${ca.file.split('/').pop()}) and ${cb.counterparty}'s agreement (${cb.file.split('/').pop()}) cannot both be honoured as written.`,
      why: `Rule ${kind.rule} fired because clause values differ: ${ca.keyTerms.terminationNotice} against ${cb.keyTerms.terminationNotice}.`,
      suggestion: `Ask ${cb.counterparty} to carve pre-existing materials out of the assignment and take a licence instead; fallback: a list of excluded background IP in a schedule.`,
      documents: [ca.file, cb.file],
      clauses: [
        clause(ca.file, kind.cats[0]!, ca.counterparty!, a, { noticeDays: [7, 14, 30, 60, 90][a % 5] }),
        clause(cb.file, kind.cats[1]!, cb.counterparty!, b, {
          noticeDays: [7, 14, 30, 60, 90][b % 5],
          field: 'retail demand forecasting',
        }),
      ],
    });
  }
  return {
    tool: { name: 'clausemap', version: VERSION, rulesVersion: 'sha256:0123456789ab' },
    command: 'audit',
    generatedAt,
    title: 'Contract portfolio conflict report',
    documents,
    findings,
    portfolio: { me: 'Jane Doe Consulting Ltd', contracts, calendar, burdenScore: 42.5 },
    rules: kinds.map((k) => ({ id: k.rule, title: k.title })),
  };
}
