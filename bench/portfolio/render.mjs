// Writes one assembled contract as TXT, DOCX or PDF, the way make-fixtures writes its fixtures (the
// `docx` and `pdfkit` packages), with a running header and a page footer on every page. A paragraph is
// never split across pages, so no clause is cut by a header.
//
// A document is { title, header, footer, author, blocks }, a block one of
//   { type: 'title', text } | { type: 'heading', text } | { type: 'para', num?, runIn?, text, level? } | { type: 'pagebreak' }

const FIXED_DATE = new Date('2026-01-02T09:00:00Z');
const TXT_LINES_PER_PAGE = 56;
const TXT_WIDTH = 92;

/** Greedy word wrap to `width` columns. */
function wrap(text, width, indent = '') {
  const lines = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : indent + word;
  }
  if (line.trim()) lines.push(line);
  return lines;
}

const paraText = (b) => `${b.num ? b.num + ' ' : ''}${b.runIn ? b.runIn + ' ' : ''}${b.text ?? ''}`.trim();

/** Plain text as a word processor's "save as text" of a paginated document: form feeds between pages. */
export function renderTxt(doc) {
  const chunks = [];
  for (const b of doc.blocks) {
    if (b.type === 'pagebreak') chunks.push(null);
    else if (b.type === 'title') chunks.push(wrap(b.text.toUpperCase(), TXT_WIDTH));
    else if (b.type === 'heading') chunks.push(wrap(b.text, TXT_WIDTH));
    else chunks.push(wrap(paraText(b), TXT_WIDTH, b.level ? '    ' : ''));
  }
  const pages = [[]];
  const room = TXT_LINES_PER_PAGE - 4;
  for (const c of chunks) {
    const page = pages[pages.length - 1];
    if (c === null) {
      if (page.length) pages.push([]);
      continue;
    }
    if (page.length && page.length + c.length + 1 > room) pages.push([...c]);
    else page.push(...(page.length ? [''] : []), ...c);
  }
  return (
    pages
      .map((lines, i) => [doc.header, '', ...lines, '', `${doc.footer}    Page ${i + 1} of ${pages.length}`].join('\n'))
      .join('\n\f') + '\n'
  );
}

/**
 * One block as a DOCX paragraph: the title centred, a heading, or a numbered paragraph with its bold run-in
 * heading (scripts/make-fixtures.mjs writes its fixtures with it too). `docx` is the imported package.
 */
export function docxParagraph(docx, b) {
  const { AlignmentType, HeadingLevel, Paragraph, TextRun } = docx;
  if (b.type === 'title')
    return new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(b.text)],
    });
  if (b.type === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(b.text)] });
  const runs = [];
  if (b.num) runs.push(new TextRun({ text: `${b.num}\t`, bold: !!b.runIn }));
  if (b.runIn) runs.push(new TextRun({ text: `${b.runIn} `, bold: true }));
  if (b.text) runs.push(new TextRun(b.text));
  return new Paragraph({
    children: runs,
    indent: b.level ? { left: 1080, hanging: 360 } : b.num ? { left: 720, hanging: 720 } : undefined,
    spacing: { after: 120 },
  });
}

export async function renderDocx(doc) {
  const docx = await import('docx');
  const { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } = docx;
  const small = { size: 16, italics: true };
  const children = doc.blocks.map((b) =>
    b.type === 'pagebreak' ? new Paragraph({ pageBreakBefore: true, children: [] }) : docxParagraph(docx, b),
  );
  const document = new Document({
    creator: doc.author,
    title: doc.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22 } } } },
    sections: [
      {
        properties: {},
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: doc.header, ...small })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${doc.footer}    Page `, ...small }),
                  new TextRun({ children: [PageNumber.CURRENT], ...small }),
                  new TextRun({ text: ' of ', ...small }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], ...small }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

export async function renderPdf(doc) {
  const PDFDocument = (await import('pdfkit')).default;
  return new Promise((resolvePdf, reject) => {
    const pdf = new PDFDocument({
      size: 'LETTER',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      info: { Title: doc.title, Author: doc.author, CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
      bufferPages: true,
    });
    const chunks = [];
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => resolvePdf(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const width = pdf.page.width - 144;
    const ensure = (h) => {
      if (pdf.y + h > pdf.page.height - 72) pdf.addPage();
    };
    for (const b of doc.blocks) {
      if (b.type === 'pagebreak') {
        pdf.addPage();
      } else if (b.type === 'title') {
        pdf.font('Times-Bold').fontSize(15).text(b.text, { align: 'center', width });
        pdf.moveDown(0.8);
      } else if (b.type === 'heading') {
        pdf.font('Times-Bold').fontSize(11.5);
        ensure(pdf.heightOfString(b.text, { width }) + 40);
        pdf.moveDown(0.3).text(b.text, 72, pdf.y, { width });
        pdf.moveDown(0.3);
      } else {
        const indent = b.level ? 36 : 0;
        const lead = `${b.num ? b.num + '  ' : ''}${b.runIn ? b.runIn + ' ' : ''}`;
        pdf.fontSize(11);
        ensure(pdf.font('Times-Roman').heightOfString(lead + b.text, { width: width - indent }) + 6);
        const x = 72 + indent;
        if (b.runIn) {
          pdf.font('Times-Bold').text(lead, x, pdf.y, { width: width - indent, continued: !!b.text });
          if (b.text) pdf.font('Times-Roman').text(b.text);
        } else pdf.font('Times-Roman').text(`${lead}${b.text}`, x, pdf.y, { width: width - indent });
        pdf.moveDown(0.45);
      }
    }
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const saved = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf.font('Times-Italic').fontSize(8.5);
      pdf.text(doc.header, 72, 40, { width, align: 'right', lineBreak: false });
      pdf.text(`${doc.footer}    Page ${i + 1} of ${range.count}`, 72, pdf.page.height - 50, {
        width,
        align: 'center',
        lineBreak: false,
      });
      pdf.page.margins.bottom = saved;
    }
    pdf.end();
  });
}

/** The bytes of `doc` in the format of `file`'s extension. */
export async function render(doc, file) {
  if (file.endsWith('.pdf')) return renderPdf(doc);
  if (file.endsWith('.docx')) return renderDocx(doc);
  return Buffer.from(renderTxt(doc), 'utf8');
}
