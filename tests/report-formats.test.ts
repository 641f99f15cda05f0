// The text formats of the report: CSV (RFC 4180, formula-safe), iCalendar (RFC 5545), Markdown and
// self-contained HTML, on synthetic reports with hostile text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_TERMS } from '../src/schema.js';
import { buildReport, FORMATS, render } from '../src/report/index.js';
import { csvCell, CSV_HEADER } from '../src/report/csv.js';
import { foldLine, icsText } from '../src/report/ics.js';
import { mdText } from '../src/report/md.js';
import { buildView, reflow, visible } from '../src/report/view.js';
import { HOSTILE, syntheticReport } from './report-synthetic.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. Throws on malformed input. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < s.length) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('unterminated quote');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        if (s[i] === '"') throw new Error(`bare quote at ${i}`);
        field += s[i++];
      }
    }
    row.push(field);
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
      continue;
    }
    if (i >= s.length) {
      rows.push(row);
      break;
    }
    throw new Error(`unexpected ${JSON.stringify(s[i])} at ${i}`);
  }
  return rows;
}

/** RFC 5545 unfolding and text unescaping, to read back what was written. */
function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}
function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[e.toLowerCase()]!,
  );
}

function hostileReport() {
  const r = syntheticReport(4, { findings: 3, failed: 1 });
  const payload = Object.values(HOSTILE).join('\n\n');
  r.findings[0]!.clauses[0]!.text = payload;
  r.findings[0]!.title = HOSTILE.script;
  r.findings[0]!.message = `${HOSTILE.img} ${HOSTILE.template}`;
  const c = r.portfolio!.contracts[0]!;
  c.keyTerms.governingLaw = '=HYPERLINK("http://127.0.0.1:9/x","click")';
  c.keyTerms.paymentTerms = '+1 net 30, "quoted", and\nmultiline';
  c.keyTerms.parties = '@SUM(A1:A9); -2+3';
  c.title = HOSTILE.style;
  r.documents.push({
    file: `portfolio/${HOSTILE.img}.pdf`,
    status: 'error',
    error: { code: 'CORRUPT_PDF', message: `${HOSTILE.script} is corrupt` },
    warnings: [],
    clauses: [],
  });
  return r;
}

describe('formats', () => {
  it('offers csv and ics next to json, md, html and pdf', () => {
    expect([...FORMATS].sort()).toEqual(['csv', 'html', 'ics', 'json', 'md', 'pdf']);
  });
});

describe('csv', () => {
  it('has a header row and one row per contract with its key terms, in RFC 4180 form', async () => {
    const r = syntheticReport(25, { findings: 30 });
    const csv = String(await render(r, 'csv'));
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/); // records end in CRLF (no field here holds a newline)
    const rows = parseCsv(csv.slice(1).replace(/\r\n$/, ''));
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(1 + 25);
    for (const k of [
      'Parties',
      'Effective date',
      'Expiry date',
      'Term',
      'Renewal',
      'Termination notice',
      'Liability cap',
      'IP position',
      'Restrictive covenants',
      'Governing law',
      'Payment terms',
    ]) {
      expect(rows[0]).toContain(k);
    }
    expect(rows[0]!.length).toBe(3 + KEY_TERMS.length + 5);
    const c0 = r.portfolio!.contracts[0]!;
    const row0 = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row0.File).toBe(c0.file);
    expect(row0['Governing law']).toBe(c0.keyTerms.governingLaw);
    expect(row0['Payment terms']).toBe(c0.keyTerms.paymentTerms);
    expect(row0.Invoicing).toBe(''); // not found stays empty
    expect(Number(row0.Findings)).toBe(r.findings.filter((f) => f.documents.includes(c0.file)).length);
    for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', async () => {
    const csv = String(await render(hostileReport(), 'csv'));
    const rows = parseCsv(csv.slice(1).replace(/\r\n$/, ''));
    const h = rows[0]!;
    const row = Object.fromEntries(h.map((k, i) => [k, rows[1]![i]]));
    expect(row['Governing law']).toBe(`'=HYPERLINK("http://127.0.0.1:9/x","click")`);
    expect(row['Payment terms']).toBe(`'+1 net 30, "quoted", and\nmultiline`);
    expect(row.Parties).toBe(`'@SUM(A1:A9); -2+3`);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('ics', () => {
  const report = syntheticReport(30, { findings: 10 });
  const deadlines = report.portfolio!.calendar;

  it('is one VCALENDAR with one VEVENT and one VALARM per deadline, CRLF lines of at most 75 octets', async () => {
    const ics = String(await render(report, 'ics'));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    const raw = ics.split('\r\n').slice(0, -1);
    for (const l of raw) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfold(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith('BEGIN:')) stack.push(l.slice(6));
      if (l.startsWith('END:')) expect(stack.pop()).toBe(l.slice(4));
    }
    expect(stack).toEqual([]);
    const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
    expect(events).toBe(deadlines.length);
    expect(lines.filter((l) => l === 'BEGIN:VALARM').length).toBe(deadlines.length);
    expect(lines.filter((l) => /^TRIGGER:-P\d+D$/.test(l)).length).toBe(deadlines.length);
    expect(lines.filter((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)).length).toBe(deadlines.length);
    const starts = lines.filter((l) => l.startsWith('DTSTART;VALUE=DATE:')).map((l) => l.slice(-8));
    expect(starts.sort()).toEqual(deadlines.map((d) => d.date.replace(/-/g, '')).sort());
    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(deadlines.length);
  });

  it('keeps UIDs stable across runs', async () => {
    const later = { ...report, generatedAt: '2027-02-02T08:00:00.000Z' };
    const uids = (s: string) => unfold(s).filter((l) => l.startsWith('UID:'));
    const a = String(await render(report, 'ics'));
    const b = String(await render(later, 'ics'));
    expect(uids(a)).toEqual(uids(b));
    expect(a).not.toEqual(b); // DTSTAMP moved
  });

  it('escapes text and folds long lines without splitting characters', async () => {
    const r = syntheticReport(2, { findings: 0 });
    const title = `Notice; due, now\\ ${HOSTILE.arabic} ${HOSTILE.cjk}\nsecond line`;
    r.portfolio!.calendar = [
      {
        date: '2027-03-31',
        kind: 'renewal-notice',
        file: 'a/contract.pdf',
        title,
        clause: {
          file: 'a/contract.pdf',
          category: 'term.renewal-notice',
          start: 0,
          end: 5,
          page: 7,
          text: 'Notice, 60 days.',
        },
      },
    ];
    const ics = String(await render(r, 'ics'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(ics))).not.toThrow();
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const desc = unfold(ics).find((l) => l.startsWith('DESCRIPTION:') && l.includes('second'))!;
    expect(unescapeText(desc.slice('DESCRIPTION:'.length))).toContain(title);
    expect(unescapeText(desc)).toContain('Page 7: "Notice, 60 days."');
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine('X'.repeat(70) + '本协议受中华人民共和国法律管辖'.repeat(3));
    expect(folded.replace(/\r\n /g, '')).toBe('X'.repeat(70) + '本协议受中华人民共和国法律管辖'.repeat(3));
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
  });

  it('is an empty but valid calendar when there are no deadlines', async () => {
    const r = syntheticReport(1, { findings: 0 });
    r.portfolio!.calendar = [];
    const lines = unfold(String(await render(r, 'ics')));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).not.toContain('BEGIN:VEVENT');
  });
});

describe('html', () => {
  it('templates print data only with escaping {{ }}, never {{{ }}}', () => {
    const dir = path.resolve('templates');
    const files = [
      ...readdirSync(dir).map((f) => path.join(dir, f)),
      ...readdirSync(path.join(dir, 'partials')).map((f) => path.join(dir, 'partials', f)),
    ].filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/\{\{\{|\{\{&/);
  });

  it('is one self-contained file with a CSP, every section, and no script or external resource', async () => {
    const html = String(await render(hostileReport(), 'html'));
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`,
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style'));
    for (const id of ['cover', 'summary', 'matrix', 'findings', 'contracts', 'calendar', 'appendix'])
      expect(html).toContain(`id="${id}"`);
    expect(html).not.toMatch(/<script|<iframe|<img|<link|<object|<embed|<base/i);
    expect(html).not.toMatch(/\s(?:src|href|action|srcset|background|poster|xlink:href)\s*=\s*(?!["']?(?:#|data:))/i);
    expect(html).toMatch(/\shref="#finding-1"/); // the check above sees attributes
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/url\((?!["']?(?:#|data:))/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('<svg');
  });

  it('shows hostile contract text and file names as literal text', async () => {
    const html = String(await render(hostileReport(), 'html'));
    const text = decodeEntities(html.replace(/<[^>]*>/g, ''));
    for (const [k, v] of Object.entries(HOSTILE)) {
      if (k === 'rlo') continue;
      expect(text, k).toContain(v);
    }
    expect(text).toContain('invoice[U+202E]fdp.exe'); // a bidi override is made visible, not obeyed
    expect(html).not.toContain('\u202e');
    expect(html).toContain('&lt;script&gt;document.title');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;.pdf');
    expect(html).not.toContain('breakout</h1>'); // the </style></title> payload did not close anything
    expect((html.match(/<\/style>/g) ?? []).length).toBe(1);
    const head = html.slice(0, html.indexOf('</head>'));
    expect((head.match(/<\/title>/g) ?? []).length).toBe(1);
    expect(html).not.toMatch(/<\/title><h1>/);
  });

  it('marks right-to-left and CJK text for the browser to lay out (dir="auto", plaintext bidi, font fallbacks)', async () => {
    const html = String(await render(hostileReport(), 'html'));
    expect(html).toMatch(/<blockquote dir="auto">[^<]*يخضع/);
    expect(html).toMatch(/unicode-bidi: plaintext/);
    for (const font of ['Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans CJK SC', 'DejaVu Sans'])
      expect(html).toContain(font);
  });

  it('lists unreadable files on the cover with the reason', async () => {
    const html = String(await render(syntheticReport(3, { failed: 2 }), 'html'));
    const cover = html.slice(html.indexOf('id="cover"'), html.indexOf('id="summary"'));
    expect(cover).toContain('Files that could not be read (2)');
    expect(cover).toContain('NO_TEXT_LAYER');
    expect(cover).toContain('Run OCR on it');
  });
});

describe('check report', () => {
  it('shows the draft, its playbook deviations and the priority matrix', async () => {
    const r = syntheticReport(3, { findings: 2 });
    r.command = 'check';
    r.draft = r.documents[0]!.file;
    r.findings[0]!.draft = true;
    r.portfolio!.deviations = [
      {
        term: 'termination-notice',
        position: 'mutual, 30 days',
        found: `client 7 days ${HOSTILE.img}`,
        level: 'walk-away',
        clause: {
          file: r.draft,
          category: 'term.termination-for-convenience',
          start: 0,
          end: 10,
          page: 4,
          text: 'seven days',
        },
      },
    ];
    r.portfolio!.priorities = [
      {
        term: 'background-ip',
        impactEngagement: 4,
        impactPortfolio: 9,
        bucket: 'hold firm',
        reason: 'assigning it breaks another client',
      },
    ];
    const html = String(await render(r, 'html'));
    expect(html).toContain('pre-signing check');
    expect(html).toContain('id="playbook"');
    expect(html).toContain('id="priorities"');
    expect(html).toContain('walk-away');
    expect(html).toContain('hold firm');
    expect(html).toContain('(p. 4)');
    expect(html).not.toContain('<img');
    const md = String(await render(r, 'md'));
    expect(md).toContain('## Draft against your playbook');
    expect(md).toContain('## Negotiation priorities');
  });
});

describe('markdown', () => {
  it('carries the sections and quotes, with hostile text inert', async () => {
    const md = String(await render(hostileReport(), 'md'));
    for (const h of [
      '## Executive summary',
      '## Conflict matrix',
      '## Findings',
      '## Key terms by contract',
      '## Deadline calendar',
      '## Appendix: documents and rules',
    ])
      expect(md).toContain(h);
    expect(md).not.toMatch(/<(script|img|iframe|link)/i);
    expect(md).toContain('&lt;script&gt;');
    expect(md).toMatch(/^> .*&lt;iframe src="file:\/\/\/etc\/passwd"&gt;/m);
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(mdText('1. item | cell')).toBe('1\\. item \\| cell');
  });
});

describe('edge cases', () => {
  it('renders every text format for an empty run, an all-failed run and odd findings', async () => {
    const empty = buildReport({ command: 'audit', documents: [], findings: [], rulesVersion: 'x' });
    const failed = buildReport({
      command: 'audit',
      rulesVersion: 'x',
      findings: [],
      documents: [
        {
          file: `${'x'.repeat(300)}.pdf`,
          status: 'error',
          error: { code: 'CORRUPT_PDF', message: 'bad' },
          warnings: [],
          clauses: [],
        },
      ],
    });
    const odd = syntheticReport(2, { findings: 1 });
    odd.findings.push({
      ruleId: 'portfolio/x',
      severity: 'low',
      title: 't',
      message: 'm',
      documents: ['elsewhere/unknown.pdf'],
      clauses: [{ file: 'elsewhere/unknown.pdf', category: 'c', start: 0, end: 1, text: 'x' }],
    });
    for (const r of [empty, failed, odd]) {
      for (const f of ['json', 'md', 'html', 'csv', 'ics'] as const)
        expect(String(await render(r, f)).length).toBeGreaterThan(20);
    }
    expect(String(await render(odd, 'html'))).toContain('page not known');
    expect(String(await render(empty, 'html'))).toContain('No contract could be read.');
    expect(String(await render(failed, 'html'))).toContain('Files that could not be read (1)');
  });
});

describe('view model', () => {
  it('orders findings by severity, keeps page numbers and caps the matrix', () => {
    const r = syntheticReport(80, { findings: 200 });
    const v = buildView(r);
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    for (let i = 1; i < v.findings.length; i++)
      expect(order.indexOf(v.findings[i]!.severity)).toBeGreaterThanOrEqual(order.indexOf(v.findings[i - 1]!.severity));
    expect(v.summary.length).toBeLessThanOrEqual(5);
    expect(v.summary.every((f) => f.severity !== 'info')).toBe(true);
    expect(v.matrix!.labels).toHaveLength(30);
    expect(v.matrix!.cells).toHaveLength(900);
    expect(v.matrix!.hidden).toBe(50);
    expect(v.findings[0]!.columns.flatMap((c) => c.quotes).every((q) => q.pageLabel.startsWith('p. '))).toBe(true);
    expect(v.contractPages).toBe(false);
    expect(v.contracts).toHaveLength(80);
  });

  it('joins PDF line breaks inside a paragraph but keeps paragraphs and list items', () => {
    expect(reflow('All data models prepared by Consultant for\nClient are the property of Client.')).toBe(
      'All data models prepared by Consultant for Client are the property of Client.',
    );
    expect(reflow('First paragraph.\n\nSecond.')).toBe('First paragraph.\n\nSecond.');
    expect(reflow('Client shall:\n(a) pay; and\n(b) notify.')).toBe('Client shall:\n(a) pay; and\n(b) notify.');
    expect(visible('a\u202Eb\u0007c')).toBe('a[U+202E]b[U+0007]c');
  });
});
