// Markdown formatter: the same sections as the HTML report, as text. Contract text is escaped so that
// neither Markdown syntax nor raw HTML in a clause or a file name becomes live in a Markdown viewer.
import type { Report } from '../schema.js';
import { buildView, type FindingView } from './view.js';

/** Inline text: HTML-escaped, Markdown punctuation backslash-escaped, on one line. */
export function mdText(s: string): string {
  return s
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

/** A table cell: inline text, never empty. */
function cell(s: string | number | undefined): string {
  const t = s === undefined || s === '' ? '—' : mdText(String(s));
  return t;
}

function row(cells: (string | number | undefined)[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function table(head: string[], rows: (string | number | undefined)[][]): string[] {
  return [`| ${head.map(mdText).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map(row)];
}

/** A quoted clause: every line of it a blockquote line, escaped. */
function quote(text: string): string[] {
  return text.split(/\r\n?|\n/).map((l) => (l.trim() ? `> ${mdText(l)}` : '>'));
}

function finding(f: FindingView): string[] {
  const out = [
    `### ${f.n}. ${mdText(f.title)}`,
    '',
    `**${f.letter} · ${f.severity}**${f.draft ? ' · draft' : ''}${f.waived ? ' · waived' : ''} · between ${f.documents.map(mdText).join(', ')} · rule \`${f.ruleId.replace(/`/g, "'")}\`${f.findingId ? ` · id \`${f.findingId}\`` : ''}`,
    '',
    ...(f.waived ? [`**Waived** in clausemap.yaml: ${mdText(f.waived)}`, ''] : []),
    mdText(f.message),
    '',
  ];
  for (const col of f.columns) {
    if (!col.quotes.length) out.push(`*${mdText(col.name)}: no clause quoted.*`, '');
    for (const q of col.quotes) {
      out.push(
        `**${mdText(q.name)}**, ${q.pageLabel} (${mdText(q.category)}${q.confidence ? `, confidence ${q.confidence}` : ''}):`,
        '',
        ...quote(q.text),
        '',
      );
      if (q.review) out.push(`*For review: ${mdText(q.review)}*`, '');
      if (q.values.length)
        out.push(
          `Values: ${q.values.map((v) => (v.key ? `${mdText(v.key)}: ${mdText(v.value)}` : mdText(v.value))).join('; ')}`,
          '',
        );
    }
  }
  if (f.why) out.push(`**Why this was flagged.** ${mdText(f.why)}`, '');
  if (f.suggestion) out.push(`**What to negotiate.** ${mdText(f.suggestion)}`, '');
  return out;
}

export function renderMarkdown(report: Report): string {
  const v = buildView(report);
  const out: string[] = [`# ${mdText(v.title)}`, '', mdText(v.headline), ''];
  out.push(
    ...table(
      ['', ''],
      [
        ['Portfolio', v.portfolioName],
        ...(v.me || v.meWhy ? [['Prepared for', [v.me, v.meWhy ? `(${v.meWhy})` : ''].filter(Boolean).join(' ')]] : []),
        ...(v.draftName ? [['Draft checked', v.draftName]] : []),
        ...(v.configFile ? [['Configuration applied', v.configFile]] : []),
        ['Date', v.generatedDate],
        ['Contracts analysed', `${v.counts.analysed} of ${v.counts.documents} files`],
        ['Findings', String(v.counts.findings)],
        ...(v.burdenScore ? [['Burden score', v.burdenScore]] : []),
        ['Tool', `clausemap ${v.tool.version}, rules ${v.tool.rulesVersion}`],
      ],
    ),
    '',
  );
  if (v.failed.length) {
    out.push(
      `## Files that could not be read (${v.failed.length})`,
      '',
      ...table(
        ['File', 'Code', 'Why, and what to do'],
        v.failed.map((f) => [f.name, f.code, f.message]),
      ),
      '',
    );
  }

  out.push(
    '## Executive summary',
    '',
    v.severityCounts.map((s) => `${s.letter} ${s.severity}: ${s.count}`).join(' · '),
    '',
  );
  if (v.summary.length) {
    for (const f of v.summary)
      out.push(
        `${f.n}. **${mdText(f.title)}** (${f.severity}): ${mdText(f.message)}${f.suggestion ? ` What to negotiate: ${mdText(f.suggestion)}` : ''}`,
      );
    out.push('');
  } else out.push('Nothing that needs action was found.', '');

  if (v.matrix) {
    const m = v.matrix;
    const n = m.labels.length;
    out.push(
      '## Conflict matrix',
      '',
      'Worst finding between each pair of contracts (C critical, H high, M medium, L low, I info).',
      '',
    );
    const rows = m.labels.map((l, r) => [
      String(l.i),
      ...m.cells.slice(r * n, r * n + n).map((c) => c.letter || (c.diagonal ? '·' : ' ')),
    ]);
    out.push(...table(['', ...m.labels.map((l) => String(l.i))], rows), '');
    for (const l of m.labels) out.push(`${l.i}. ${mdText(l.name)} (${l.findings})`);
    if (m.wide.length)
      out.push(
        '',
        'Across three or more contracts (not drawn):',
        ...m.wide.map((w) => `- ${w.letter} ${w.severity}: ${w.n}. ${mdText(w.title)} (${w.contracts} contracts)`),
      );
    if (m.hidden) out.push('', `${m.hidden} more contracts with fewer findings are not drawn.`);
    out.push('');
  }

  out.push('## Findings', '');
  if (!v.findings.length) out.push('No finding.', '');
  for (const f of v.findings) out.push(...finding(f));

  if (v.deviations.length) {
    out.push(
      '## Draft against your playbook',
      '',
      ...table(
        ['Term', 'Your position', 'The draft says', 'Level'],
        v.deviations.map((d) => [d.term, d.position, d.page ? `${d.found} (p. ${d.page})` : d.found, d.level]),
      ),
      '',
    );
  }
  if (v.priorities.length) {
    out.push(
      '## Negotiation priorities',
      '',
      ...table(
        ['Term', 'Engagement', 'Portfolio', 'Plan', 'Why'],
        v.priorities.map((p) => [p.term, `${p.engagement}/10`, `${p.portfolio}/10`, p.bucket, p.reason]),
      ),
      '',
    );
  }

  out.push('## Key terms by contract', '');
  for (const c of v.contracts) {
    out.push(
      `### ${c.n}. ${mdText(c.name)}`,
      '',
      `${c.title ? `${mdText(c.title)} · ` : ''}${c.status} · ${c.findings} findings${c.worst ? `, worst ${c.worst}` : ''}`,
      '',
      ...(c.amended ?? []).flatMap((a) => [mdText(a), '']),
      ...(c.copies
        ? [`The same contract is also in ${c.copies.map(mdText).join(', ')}; read once, as this file.`, '']
        : []),
    );
    out.push(
      ...table(
        ['Term', 'Value'],
        c.terms.map((t) => [t.label, t.value]),
      ),
      '',
    );
  }

  out.push('## Deadline calendar', '');
  if (!v.months.length) out.push('No dated deadline was found in the contracts.', '');
  else {
    out.push(
      ...table(
        ['Date', 'What', 'Contract', 'When'],
        v.months.flatMap((m) =>
          m.deadlines.map((d) => [
            d.date,
            `${d.kindLabel}: ${d.title}`,
            d.page ? `${d.name} p. ${d.page}` : d.name,
            d.relative,
          ]),
        ),
      ),
      '',
    );
  }

  out.push(
    '## Appendix: documents and rules',
    '',
    ...table(
      ['Document', 'Type', 'Pages', 'Status', 'SHA-256'],
      v.documents.map((d) => [d.name, d.kind, d.pages, d.status, d.sha256]),
    ),
    '',
  );
  out.push(
    `clausemap ${v.tool.version}; rules version ${mdText(v.tool.rulesVersion)}; generated ${v.generatedAt}.`,
    '',
  );
  if (v.rules.length)
    out.push(
      ...table(
        ['Rule', 'Title'],
        v.rules.map((r) => [r.id, r.title]),
      ),
      '',
    );
  return out.join('\n');
}
