// HTML formatter: the report view through the handlebars templates in templates/. One self-contained
// file: CSS inline, the matrix as inline SVG, no script, no external resource, a CSP that forbids both.
// Templates use {{ }} only, so every value (contract text, file names) is HTML-escaped.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.js';
import type { Report, Severity } from '../schema.js';
import { buildView, SEVERITY_LETTER, type ReportView } from './view.js';

export const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

interface Compiled {
  report: Handlebars.TemplateDelegate;
  header: Handlebars.TemplateDelegate;
  footer: Handlebars.TemplateDelegate;
}

let compiled: Compiled | undefined;

function read(name: string): string {
  return readFileSync(path.join(TEMPLATES_DIR, name), 'utf8');
}

function compile(): Compiled {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('sevLetter', (s: Severity) => SEVERITY_LETTER[s]);
  // Our own stylesheet is a partial (template text, not data), so no triple-stash is needed anywhere.
  hb.registerPartial('css', read('report.css'));
  const partials = path.join(TEMPLATES_DIR, 'partials');
  for (const f of readdirSync(partials))
    if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), readFileSync(path.join(partials, f), 'utf8'));
  const opts = { strict: false, preventIndent: true };
  return {
    report: hb.compile(read('report.hbs'), opts),
    header: hb.compile(read('pdf-header.hbs'), opts),
    footer: hb.compile(read('pdf-footer.hbs'), opts),
  };
}

function templates(): Compiled {
  return (compiled ??= compile());
}

export interface HtmlOptions {
  /** print layout: chapters start on new pages (the PDF) */
  print?: boolean;
}

export function renderHtmlView(view: ReportView, opts: HtmlOptions = {}): string {
  return templates().report({ ...view, print: !!opts.print });
}

export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  return renderHtmlView(buildView(report), opts);
}

/** Chromium's running header and footer for the PDF (page numbers filled in by Chromium). */
export function pdfChrome(view: ReportView): { header: string; footer: string } {
  const t = templates();
  return { header: t.header(view), footer: t.footer(view) };
}
