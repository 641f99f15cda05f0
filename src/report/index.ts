// Report stage: one report model (buildReport), written by render() in any of FORMATS, each by its own
// module here (md.ts, html.ts, pdf.ts, csv.ts, ics.ts; JSON is the model itself, streamed for a long run by
// json-stream.ts). Only `pdf` needs a browser, so every other format works on a machine without Chromium.
// Nothing here imports from the pipeline or the commands: the report reads a finished model.
import { VERSION } from '../paths.js';
import type { DocumentResult, Finding, Report } from '../schema.js';
import { htmlToPdf, type PdfPrinter, type PrintOptions } from './pdf.js';
// each format's module (Handlebars and the templates for HTML and PDF) is loaded when that format is asked for

export { ReportError, PdfPrinter, withPrinter, findChromium } from './pdf.js';

export const FORMATS = ['json', 'md', 'html', 'pdf', 'csv', 'ics'] as const;
export type Format = (typeof FORMATS)[number];

/** The report model: the documents and findings of a run, with the tool, rules version and time it was made. */
export function buildReport(input: {
  command: Report['command'];
  documents: DocumentResult[];
  findings: Finding[];
  rulesVersion: string;
  title?: string;
  draft?: string;
  /** the clausemap.yaml applied */
  config?: string;
  portfolio?: Report['portfolio'];
  rules?: Report['rules'];
  /** when the report was made (ISO); default now */
  generatedAt?: string;
}): Report {
  return {
    tool: { name: 'clausemap', version: VERSION, rulesVersion: input.rulesVersion },
    command: input.command,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    title: input.title ?? (input.command === 'check' ? 'Pre-signing check' : 'Contract portfolio conflict report'),
    ...(input.draft ? { draft: input.draft } : {}),
    ...(input.config ? { config: input.config } : {}),
    documents: input.documents,
    findings: input.findings,
    ...(input.portfolio ? { portfolio: input.portfolio } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  };
}

/** Reports with more findings + contracts than this print untagged (no screen-reader structure). */
export const TAGGED_MAX_ITEMS = 200;

export interface RenderOptions {
  /** print with this browser (one browser for a batch of reports); default: one started and closed for this render */
  printer?: PdfPrinter;
  /** PDF only: cap on the render, and a hook told about every request the page tries */
  timeoutMs?: number;
  onRequest?: PrintOptions['onRequest'];
}

/** The report as a PDF: the print layout of the HTML, with running header and page numbers. */
export async function renderPdf(report: Report, opts: RenderOptions = {}): Promise<Buffer> {
  const [{ buildView }, { pdfChrome, renderHtmlView }] = await Promise.all([import('./view.js'), import('./html.js')]);
  const view = buildView(report);
  const html = renderHtmlView(view, { print: true });
  const { header, footer } = pdfChrome(view);
  const print: PrintOptions = {
    headerTemplate: header,
    footerTemplate: footer,
    // The structure tree of a tagged PDF is most of the work and the bytes of a very long report.
    tagged: view.findings.length + view.contracts.length <= TAGGED_MAX_ITEMS,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  };
  return opts.printer ? opts.printer.print(html, print) : htmlToPdf(html, print);
}

export async function render(report: Report, format: Format, opts: RenderOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'md':
      return (await import('./md.js')).renderMarkdown(report);
    case 'html':
      return (await import('./html.js')).renderHtml(report);
    case 'pdf':
      return renderPdf(report, opts);
    case 'csv':
      return (await import('./csv.js')).renderCsv(report);
    case 'ics':
      return (await import('./ics.js')).renderIcs(report);
  }
}
