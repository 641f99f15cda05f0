#!/usr/bin/env node
// Generates the test fixtures from their sources in fixtures/src:
//   fixtures/src/portfolio/*.md        → fixtures/portfolio/<name>.docx|.pdf  (+ expected.yaml with pages)
//   fixtures/src/drafts/*.md           → fixtures/drafts/<name>.docx|.pdf     (+ expected.yaml with pages)
//   fixtures/src/rule-cases/<rule>/<case>/*.md → fixtures/rule-cases/<rule>/<case>/<name>.txt
// Output is byte-stable: fixed creation dates in the PDFs, fixed dates inside the DOCX zips.
//
// Usage: node scripts/make-fixtures.mjs [--out DIR]   (DIR defaults to fixtures/)
//
// Source format (a small Markdown dialect, one contract per file):
//   ---                       YAML front matter: format (docx|pdf|txt), vars (used as {{name}}), title
//   # TITLE                   document title
//   ## 7. Term and Termination   numbered section heading
//   7.2 **Termination for Convenience.** text     numbered paragraph with a run-in heading
//   (a) text                  indented sub-item
//   {{> partial key=value}}   include fixtures/src/partials/<partial>.md with extra variables
//   {{name}}                  variable from front matter or include parameters
//   ===                       (pdf only) start a new page
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, parseDocument } from 'yaml';
import { docxParagraph } from '../bench/portfolio/render.mjs';

// The renderers are loaded once the arguments are known, so a usage error answers at once.
let PDFDocument, docx, fflate, PDFParse;
async function loadRenderers() {
  PDFDocument = (await import('pdfkit')).default;
  docx = await import('docx');
  fflate = await import('fflate');
  ({ PDFParse } = await import('pdf-parse'));
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'fixtures', 'src');
const FIXED_DATE = new Date('2026-01-02T09:00:00Z');

function parseArgs(argv) {
  const out = { dir: join(ROOT, 'fixtures') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out.dir = resolve(argv[++i] ?? '');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/make-fixtures.mjs [--out DIR]');
      process.exit(0);
    } else {
      console.error(`make-fixtures: unknown argument "${argv[i]}". Usage: node scripts/make-fixtures.mjs [--out DIR]`);
      process.exit(2);
    }
  }
  return out;
}

// ---------------------------------------------------------------- source → blocks

async function loadPartial(name) {
  const file = join(SRC, 'partials', `${name}.md`);
  if (!existsSync(file)) throw new Error(`${relative(ROOT, file)}: partial "${name}" does not exist`);
  return readFile(file, 'utf8');
}

/** Expands {{> partial k=v}} (recursively) and {{var}} with the given variables. */
async function expand(text, vars, where, depth = 0) {
  if (depth > 5) throw new Error(`${where}: partials nested too deep`);
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(/\{\{>\s*([\w-]+)((?:\s+[\w-]+=(?:"[^"]*"|\S+?))*)\s*\}\}/g)) {
    parts.push(text.slice(last, m.index));
    const params = { ...vars };
    for (const p of m[2].matchAll(/([\w-]+)=("([^"]*)"|\S+)/g)) params[p[1]] = p[3] ?? p[2];
    const body = await loadPartial(m[1]);
    parts.push(await expand(body, params, `${where} > ${m[1]}`, depth + 1));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('').replace(/\{\{\s*([\w-]+)\s*\}\}/g, (all, k) => {
    if (!(k in vars)) throw new Error(`${where}: variable {{${k}}} is not set`);
    return String(vars[k]);
  });
}

async function parseSource(file) {
  const raw = (await readFile(file, 'utf8')).replace(/\r\n/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const meta = fm ? (parseYaml(fm[1]) ?? {}) : {};
  const body = fm ? raw.slice(fm[0].length) : raw;
  const where = relative(ROOT, file);
  const text = await expand(body, meta.vars ?? {}, where);
  const blocks = [];
  // Paragraphs are separated by blank lines; a paragraph's lines are joined with spaces.
  for (const chunk of text.split(/\n\s*\n/)) {
    const t = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    if (!t) continue;
    let m;
    if (t === '===') blocks.push({ type: 'pagebreak' });
    else if ((m = /^# (.+)$/.exec(t))) blocks.push({ type: 'title', text: m[1] });
    else if ((m = /^## (.+)$/.exec(t))) blocks.push({ type: 'heading', text: m[1] });
    else if ((m = /^((?:\d+\.)+\d*|\([a-z]{1,4}\))\s+(?:\*\*(.+?)\*\*\s*)?(.*)$/.exec(t))) {
      blocks.push({ type: 'para', num: m[1], runIn: m[2], text: m[3], level: m[1].startsWith('(') ? 1 : 0 });
    } else if ((m = /^\*\*(.+?)\*\*\s*(.*)$/.exec(t))) blocks.push({ type: 'para', runIn: m[1], text: m[2], level: 0 });
    else blocks.push({ type: 'para', text: t, level: 0 });
  }
  for (const b of blocks) {
    for (const s of [b.text, b.runIn]) {
      if (s && /\{\{|\*\*/.test(s)) throw new Error(`${where}: unexpanded markup in "${s.slice(0, 60)}"`);
    }
  }
  return { meta, blocks, where };
}

// ---------------------------------------------------------------- renderers

function renderTxt(doc) {
  const out = [];
  for (const b of doc.blocks) {
    if (b.type === 'pagebreak') continue;
    if (b.type === 'title') out.push(b.text.toUpperCase());
    else if (b.type === 'heading') out.push(b.text);
    else
      out.push(`${b.level ? '    ' : ''}${b.num ? b.num + ' ' : ''}${b.runIn ? b.runIn + ' ' : ''}${b.text}`.trimEnd());
  }
  return out.join('\n\n') + '\n';
}

async function renderDocx(doc) {
  const { Document, Packer } = docx;
  const children = doc.blocks.filter((b) => b.type !== 'pagebreak').map((b) => docxParagraph(docx, b));
  const document = new Document({
    creator: doc.meta.author ?? 'clausemap fixtures',
    title: doc.meta.title ?? '',
    description: 'Fictional contract generated for the clausemap test fixtures.',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22 } } } },
    sections: [{ properties: {}, children }],
  });
  return normaliseZip(await Packer.toBuffer(document));
}

/** Rewrites a DOCX zip with fixed timestamps (entries and core properties) so output is byte-stable. */
function normaliseZip(buf) {
  const { unzipSync, zipSync, strToU8, strFromU8 } = fflate;
  const files = unzipSync(new Uint8Array(buf));
  const iso = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (files['docProps/core.xml']) {
    const xml = strFromU8(files['docProps/core.xml']).replace(
      /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
      `$1${iso}$2`,
    );
    files['docProps/core.xml'] = strToU8(xml);
  }
  const entries = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name], { mtime: FIXED_DATE, level: 6 }];
  return Buffer.from(zipSync(entries));
}

function renderPdf(doc) {
  return new Promise((resolvePdf, reject) => {
    const pdf = new PDFDocument({
      size: 'LETTER',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      info: {
        Title: doc.meta.title ?? '',
        Author: doc.meta.author ?? 'clausemap fixtures',
        Subject: 'Fictional contract generated for the clausemap test fixtures.',
        Producer: 'clausemap make-fixtures',
        Creator: 'clausemap make-fixtures',
        CreationDate: FIXED_DATE,
        ModDate: FIXED_DATE,
      },
      bufferPages: true,
    });
    const chunks = [];
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => resolvePdf(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const width = pdf.page.width - 144;
    const bottom = () => pdf.page.height - 72;
    /** keeps a block on one page: quotes never straddle a page break */
    const ensure = (h) => {
      if (pdf.y + h > bottom()) pdf.addPage();
    };
    for (const b of doc.blocks) {
      if (b.type === 'pagebreak') {
        pdf.addPage();
        continue;
      }
      if (b.type === 'title') {
        pdf.font('Times-Bold').fontSize(15).text(b.text, { align: 'center', width });
        pdf.moveDown(0.8);
      } else if (b.type === 'heading') {
        pdf.font('Times-Bold').fontSize(11.5);
        ensure(pdf.heightOfString(b.text, { width }) + 40);
        pdf.moveDown(0.3).text(b.text, { width });
        pdf.moveDown(0.3);
      } else {
        const indent = b.level ? 36 : 0;
        const lead = `${b.num ? b.num + '  ' : ''}${b.runIn ? b.runIn + ' ' : ''}`;
        pdf.fontSize(11);
        const h = pdf.font('Times-Roman').heightOfString(lead + b.text, { width: width - indent });
        ensure(h + 6);
        const x = 72 + indent;
        if (b.num && !b.runIn) {
          pdf.font('Times-Roman').text(`${lead}${b.text}`, x, pdf.y, { width: width - indent });
        } else if (lead) {
          pdf.font('Times-Bold').text(lead, x, pdf.y, { width: width - indent, continued: !!b.text });
          if (b.text) pdf.font('Times-Roman').text(b.text);
        } else {
          pdf.font('Times-Roman').text(b.text, x, pdf.y, { width: width - indent });
        }
        pdf.moveDown(0.45);
      }
    }
    const range = pdf.bufferedPageRange();
    const footer = doc.meta.footer ?? doc.meta.title ?? '';
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const y = pdf.page.height - 50;
      const saved = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf
        .font('Times-Italic')
        .fontSize(8.5)
        .text(`${footer}    Page ${i + 1} of ${range.count}`, 72, y, { width, align: 'center', lineBreak: false });
      pdf.page.margins.bottom = saved;
    }
    pdf.end();
  });
}

// ---------------------------------------------------------------- expected findings: fill in pages

const norm = (s) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

async function pagesOf(buf, kind) {
  if (kind === 'pdf') {
    const parser = new PDFParse({ data: new Uint8Array(buf) });
    try {
      const r = await parser.getText({ pageJoiner: '' });
      return r.pages.map((p) => norm(p.text));
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  }
  return null; // DOCX and TXT: one page
}

/**
 * Adds `page` to every quoted clause of an expected.yaml / case.yaml template (keeping its comments) and
 * `pages` to every listed contract; fails on a quote that is not in its file or is on more than one page.
 */
async function fillExpected(template, templateFile, rendered) {
  const where = relative(ROOT, templateFile);
  const ydoc = parseDocument(template);
  if (ydoc.errors.length) throw new Error(`${where}: ${ydoc.errors[0].message}`);
  const spec = ydoc.toJS() ?? {};
  const pageOf = (clause) => {
    const r = rendered.get(clause.file);
    if (!r) throw new Error(`${where}: unknown file "${clause.file}"`);
    const q = norm(String(clause.quote ?? ''));
    if (!q) throw new Error(`${where}: a clause of ${clause.file} has no quote`);
    const pages = r.pages ?? [norm(r.text)];
    const hits = pages.flatMap((p, i) => (p.includes(q) ? [i + 1] : []));
    if (hits.length !== 1)
      throw new Error(`${where}: quote found on ${hits.length} pages of ${clause.file}: "${q.slice(0, 80)}"`);
    return hits[0];
  };
  for (const group of ['findings', 'near_misses', 'may_also_fire']) {
    (spec[group] ?? []).forEach((f, i) => {
      for (const file of f.files ?? []) if (!rendered.has(file)) throw new Error(`${where}: unknown file "${file}"`);
      (f.clauses ?? []).forEach((c, j) => ydoc.setIn([group, i, 'clauses', j, 'page'], pageOf(c)));
    });
  }
  (spec.contracts ?? []).forEach((c, i) => {
    const r = rendered.get(c.file);
    if (!r) throw new Error(`${where}: unknown file "${c.file}"`);
    ydoc.setIn(['contracts', i, 'pages'], r.pages ? r.pages.length : 1);
  });
  return (
    `# Generated by scripts/make-fixtures.mjs from ${where}: edit that file, then run npm run fixtures.\n` +
    ydoc.toString({ lineWidth: 0 })
  );
}

// ---------------------------------------------------------------- main

async function listMd(dir) {
  if (!existsSync(dir)) return [];
  return (await readdir(dir))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f));
}

/** Renders one folder of sources; `others` are files of other sets an expected file may cite ("../portfolio/x.pdf"). */
async function renderSet(srcDir, outDir, others = new Map()) {
  await mkdir(outDir, { recursive: true });
  const rendered = new Map();
  for (const file of await listMd(srcDir)) {
    const doc = await parseSource(file);
    const kind = doc.meta.format ?? 'txt';
    const base = file.slice(srcDir.length + 1).replace(/\.md$/, '');
    const name = `${base}.${kind}`;
    let buf;
    if (kind === 'pdf') buf = await renderPdf(doc);
    else if (kind === 'docx') buf = await renderDocx(doc);
    else if (kind === 'txt') buf = Buffer.from(renderTxt(doc), 'utf8');
    else throw new Error(`${doc.where}: format must be pdf, docx or txt, not "${kind}"`);
    await writeFile(join(outDir, name), buf);
    rendered.set(name, { pages: await pagesOf(buf, kind), text: renderTxt(doc) });
  }
  for (const name of ['expected.yaml', 'case.yaml']) {
    const tpl = join(srcDir, name);
    if (existsSync(tpl))
      await writeFile(
        join(outDir, name),
        await fillExpected(await readFile(tpl, 'utf8'), tpl, new Map([...others, ...rendered])),
      );
  }
  return rendered;
}

async function main() {
  const { dir } = parseArgs(process.argv.slice(2));
  await loadRenderers();
  let n = 0;
  const portfolio = await renderSet(join(SRC, 'portfolio'), join(dir, 'portfolio'));
  const fromDrafts = new Map([...portfolio].map(([name, r]) => [`../portfolio/${name}`, r]));
  n += portfolio.size + (await renderSet(join(SRC, 'drafts'), join(dir, 'drafts'), fromDrafts)).size;
  const rc = join(SRC, 'rule-cases');
  if (existsSync(rc)) {
    for (const rule of (await readdir(rc)).sort()) {
      for (const kase of (await readdir(join(rc, rule))).sort()) {
        n += (await renderSet(join(rc, rule, kase), join(dir, 'rule-cases', rule, kase))).size;
      }
    }
  }
  console.log(`make-fixtures: wrote ${n} documents under ${relative(process.cwd(), dir) || '.'}`);
}

main().catch((e) => {
  console.error(`make-fixtures: ${e.message}`);
  process.exit(1);
});
