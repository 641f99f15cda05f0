// Ingest: plain text. The document text is the file decoded as UTF-8, so offsets point into the file.
import type { Warning } from '../schema.js';

export function readText(buf: Buffer, encoding: 'utf8' | 'utf16le' | 'utf16be' | 'latin1'): { text: string; warnings: Warning[] } {
  const warnings: Warning[] = [];
  let text: string;
  if (encoding === 'utf16le') text = buf.subarray(2).toString('utf16le');
  else if (encoding === 'utf16be') {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
  } else if (encoding === 'latin1') {
    text = buf.toString('latin1');
    warnings.push({ code: 'TEXT_ENCODING', message: 'The file is not valid UTF-8; it was read as Latin-1, so offsets count characters, not bytes.' });
  } else {
    text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  if (encoding === 'utf16le' || encoding === 'utf16be') warnings.push({ code: 'TEXT_ENCODING', message: `The file is UTF-16 (${encoding === 'utf16le' ? 'little' : 'big'}-endian); offsets count characters of the decoded text.` });
  return { text, warnings };
}
