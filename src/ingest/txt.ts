// Ingest: plain text. The document text is the file decoded, nothing else: no clean-up, so offsets point
// into the file (UTF-8: character offsets of the decoded file; other encodings say so in a warning).
import type { Warning } from '../schema.js';
import type { TextEncoding } from './detect.js';

export function readText(buf: Buffer, encoding: TextEncoding): { text: string; warnings: Warning[] } {
  const warnings: Warning[] = [];
  let text: string;
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    text = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(buf);
    warnings.push({
      code: 'TEXT_ENCODING',
      message: `The file is UTF-16 (${encoding === 'utf16le' ? 'little' : 'big'}-endian); offsets count characters of the decoded text.`,
    });
  } else if (encoding === 'cp1252') {
    text = decodeCp1252(buf);
    warnings.push({
      code: 'TEXT_ENCODING',
      message:
        'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1), so offsets count characters, not bytes.',
    });
  } else {
    text = buf.toString('utf8');
  }
  // TextDecoder drops a byte order mark; Buffer#toString keeps it
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, warnings };
}

// Windows-1252 differs from Latin-1 in 0x80-0x9F (curly quotes, dashes, euro); Node's decoders treat it as Latin-1
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeCp1252(buf: Buffer): string {
  return buf.toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
