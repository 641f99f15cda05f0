// Ingest: plain text. The document text is the file decoded, nothing else: no clean-up, so offsets point
// into the file (UTF-8: character offsets of the decoded file; other encodings say so in a warning).
import type { Warning } from '../schema.js';
import type { TextEncoding } from './detect.js';

export function readText(buf: Buffer, encoding: TextEncoding): { text: string; warnings: Warning[] } {
  const warnings: Warning[] = [];
  let text: string;
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    text = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(buf);
    warnings.push({ code: 'TEXT_ENCODING', message: `The file is UTF-16 (${encoding === 'utf16le' ? 'little' : 'big'}-endian); offsets count characters of the decoded text.` });
  } else if (encoding === 'cp1252') {
    text = new TextDecoder('windows-1252').decode(buf);
    warnings.push({ code: 'TEXT_ENCODING', message: 'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1), so offsets count characters, not bytes.' });
  } else {
    text = buf.toString('utf8');
  }
  // TextDecoder drops a byte order mark; Buffer#toString keeps it
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, warnings };
}
