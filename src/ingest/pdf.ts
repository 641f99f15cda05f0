// Ingest: PDF through pdf-parse (pdf.js). A fresh parser per file: reusing one after an error hides the error.
import { PDFParse } from 'pdf-parse';
import { errorFor } from '../errors.js';
import type { Warning } from '../schema.js';
import { cleanExtracted } from './clean.js';

export interface PdfText { pages: string[]; title?: string; warnings: Warning[] }

export async function readPdf(buf: Buffer, file: string, opts: { password?: string } = {}): Promise<PdfText> {
  const warnings: Warning[] = [];
  const parser = new PDFParse({ data: new Uint8Array(buf), password: opts.password } as ConstructorParameters<typeof PDFParse>[0]);
  try {
    const r = await parser.getText({ pageJoiner: '' } as Parameters<PDFParse['getText']>[0]);
    const pages = r.pages.map((p) => cleanExtracted(p.text));
    return { pages, warnings };
  } catch (e) {
    const name = (e as { name?: string })?.name ?? '';
    const msg = (e as Error)?.message ?? String(e);
    if (name === 'PasswordException') {
      const incorrect = /incorrect/i.test(msg) || (e as { code?: number }).code === 2;
      throw errorFor(incorrect && opts.password ? 'PASSWORD_INCORRECT' : 'PASSWORD_REQUIRED', file);
    }
    if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|xref|startxref|trailer/i.test(msg)) throw errorFor('CORRUPT_PDF', file);
    throw errorFor('CORRUPT_PDF', file, msg.slice(0, 120));
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
