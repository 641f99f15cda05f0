// Report stage: one report model, many formats. Formatters are plain functions looked up by name.
import { VERSION } from '../paths.js';
import type { DocumentResult, Finding, Report } from '../schema.js';

export const FORMATS = ['json', 'md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export function buildReport(input: {
  command: Report['command'];
  documents: DocumentResult[];
  findings: Finding[];
  rulesVersion: string;
  title?: string;
  draft?: string;
  portfolio?: Report['portfolio'];
  rules?: Report['rules'];
}): Report {
  return {
    tool: { name: 'clausemap', version: VERSION, rulesVersion: input.rulesVersion },
    command: input.command,
    generatedAt: new Date().toISOString(),
    title: input.title ?? (input.command === 'check' ? 'Pre-signing check' : 'Contract portfolio conflict report'),
    ...(input.draft ? { draft: input.draft } : {}),
    documents: input.documents,
    findings: input.findings,
    ...(input.portfolio ? { portfolio: input.portfolio } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  };
}

export async function render(report: Report, format: Format): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'md': {
      const lines = [`# ${report.title}`, '', `${report.documents.length} documents, ${report.findings.length} findings.`, ''];
      for (const f of report.findings) lines.push(`- **${f.severity}** ${f.title}: ${f.message}`);
      return lines.join('\n') + '\n';
    }
    default:
      throw new Error(`format ${format} is not available yet`);
  }
}
