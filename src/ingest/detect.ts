// Ingest, step 1: what a file is, from its bytes (never its name).
export type Detected =
  | { type: 'pdf' }
  | { type: 'zip' } // OOXML or another zip: decided by the docx reader from its parts
  | { type: 'ole' } // legacy Word .doc (or another OLE2 compound file)
  | { type: 'text'; encoding: 'utf8' | 'utf16le' | 'utf16be' | 'latin1' }
  | { type: 'unknown'; what: string };

export function detect(buf: Uint8Array): Detected {
  const head = Buffer.from(buf.subarray(0, 8));
  // %PDF within the first KiB (some producers put junk before the header)
  const firstK = Buffer.from(buf.subarray(0, 1024)).toString('latin1');
  if (firstK.includes('%PDF-')) return { type: 'pdf' };
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05 || head[2] === 0x07)) return { type: 'zip' };
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return { type: 'ole' };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { type: 'text', encoding: 'utf8' };
  if (head[0] === 0xff && head[1] === 0xfe) return { type: 'text', encoding: 'utf16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { type: 'text', encoding: 'utf16be' };
  if (head[0] === 0x7b && head[1] === 0x5c && head[2] === 0x72 && head[3] === 0x74) return { type: 'unknown', what: 'RTF document' };
  const sample = Buffer.from(buf.subarray(0, 64 * 1024));
  let ctrl = 0;
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) ctrl++;
  if (sample.length && ctrl / sample.length < 0.01) {
    const asUtf8 = sample.toString('utf8');
    const bad = (asUtf8.match(/\uFFFD/g) ?? []).length;
    return { type: 'text', encoding: bad > 2 ? 'latin1' : 'utf8' };
  }
  return { type: 'unknown', what: 'binary data of an unknown kind' };
}
