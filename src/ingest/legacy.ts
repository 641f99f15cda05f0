// Ingest: the older word-processor formats through the converters Debian ships: Word 97-2003 (.doc) with
// `antiword`, RTF with `unrtf --text`. Each runs on a private copy of the bytes, under its own timeout and
// data limit, and dies with the pool child (./tool.ts). Where a converter is missing, the error says how
// to install it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorFor } from '../errors.js';
import type { ErrorCode } from '../schema.js';
import { cleanExtracted } from './clean.js';
import { runTool, which } from './tool.js';

export interface LegacyCaps {
  timeoutMs?: number;
  maxMemoryMb?: number;
}

export type LegacyFormat = 'doc' | 'rtf';

const TOOLS: Record<LegacyFormat, { cmd: string; args: (f: string) => string[]; pkg: string; what: string }> = {
  // -w 0: a paragraph on one line; -m UTF-8.txt: UTF-8 output
  doc: { cmd: 'antiword', args: (f) => ['-m', 'UTF-8.txt', '-w', '0', f], pkg: 'antiword', what: 'Word 97-2003 .doc' },
  rtf: { cmd: 'unrtf', args: (f) => ['--text', f], pkg: 'unrtf', what: 'RTF' },
};

/** What to install for a format, when its converter is missing. */
export function converterMissing(format: LegacyFormat): string | undefined {
  const t = TOOLS[format];
  return which(t.cmd)
    ? undefined
    : `${t.what} needs the ${t.cmd} converter: install it (Debian/Ubuntu: apt-get install ${t.pkg}, or run scripts/setup.sh), or save the file as .docx`;
}

const CP1252 = new TextDecoder('windows-1252');
/** Symbols that unrtf --text drops, by RTF control word and by code point: written in ASCII instead. */
const SYMBOL_WORDS: Record<string, string> = {
  lquote: "'",
  rquote: "'",
  ldblquote: '"',
  rdblquote: '"',
  bullet: '*',
  endash: '-',
  emdash: '--',
};
const ASCII_FOR: Record<number, string> = {
  0x2018: "'",
  0x2019: "'",
  0x201c: '"',
  0x201d: '"',
  0x2013: '-',
  0x2014: '--',
  0x2022: '*',
  0x2026: '...',
  0x20ac: 'EUR',
};

/** An RTF spelling unrtf --text prints: ASCII as it is, Latin-1 letters as \'hh, typographic marks in ASCII. */
function printable(cp: number): string | undefined {
  if (ASCII_FOR[cp]) return ASCII_FOR[cp];
  if (cp >= 0x20 && cp < 0x7f)
    return /[\\{}]/.test(String.fromCharCode(cp)) ? `\\${String.fromCharCode(cp)}` : String.fromCharCode(cp);
  if (cp >= 0xa0 && cp <= 0xff) return `\\'${cp.toString(16)}`;
  return undefined;
}

/**
 * unrtf --text drops `\uN` escapes (it prints their fallback, often "?"), typographic symbols such as
 * \rquote, and the Windows-1252 bytes 0x80-0x9F. Before conversion they are rewritten in a form it prints;
 * a character with none (outside Latin-1, say) is left to unrtf.
 */
export function rtfForUnrtf(rtf: string): string {
  const noFallback = /\\uc0\b/.test(rtf);
  return rtf
    .replace(/\\(lquote|rquote|ldblquote|rdblquote|bullet|endash|emdash)\b ?/g, (_m, w: string) => SYMBOL_WORDS[w]!)
    .replace(
      /\\'([89][0-9a-fA-F])/g,
      (m, h: string) => printable(CP1252.decode(Uint8Array.of(parseInt(h, 16))).codePointAt(0)!) ?? m,
    )
    .replace(
      noFallback ? /\\u(-?\d+) ?/g : /\\u(-?\d+) ?(?:\\'[0-9a-fA-F]{2}|[^\\{}])?/g,
      (m, n: string) => printable((Number(n) + 65536) % 65536) ?? m,
    );
}

/** unrtf's own lines at the top ("### Translation from RTF performed by UnRTF", a rule of dashes). */
function dropUnrtfHeader(s: string): string {
  const lines = s.split('\n');
  let i = 0;
  while (i < lines.length && (/^###/.test(lines[i]!) || lines[i]!.trim() === '')) i++;
  if (/^-{5,}\s*$/.test(lines[i] ?? '')) i++;
  return lines.slice(i).join('\n');
}

/** UTF-8 where it is; unrtf writes 8-bit characters as they were in the RTF (Windows-1252). */
function decode(out: Buffer): string {
  const utf8 = out.toString('utf8');
  return utf8.includes('\uFFFD') ? CP1252.decode(out) : utf8;
}

export async function readLegacy(
  buf: Buffer,
  file: string,
  format: LegacyFormat,
  caps: LegacyCaps = {},
): Promise<{ text: string }> {
  const missing = converterMissing(format);
  if (missing) throw errorFor(format === 'doc' ? 'LEGACY_DOC' : 'UNSUPPORTED_TYPE', file, missing);
  const t = TOOLS[format];
  const dir = await mkdtemp(path.join(tmpdir(), 'clausemap-conv-'));
  try {
    const copy = path.join(dir, `in.${format}`);
    await writeFile(copy, format === 'rtf' ? Buffer.from(rtfForUnrtf(buf.toString('latin1')), 'latin1') : buf, {
      mode: 0o600,
    });
    const r = await runTool(which(t.cmd)!, t.args(copy), {
      timeoutMs: Math.max(1000, (caps.timeoutMs ?? 60_000) * 0.9),
      dataMb: caps.maxMemoryMb ?? 1024,
      maxOutputBytes: 64 * 1024 * 1024,
    });
    const bad: ErrorCode = 'CORRUPT_DOC';
    if (r.timedOut || r.overflow || r.signal)
      throw errorFor(
        'TOO_COMPLEX',
        file,
        r.timedOut
          ? `${t.cmd} was still converting it at the time cap`
          : r.overflow
            ? `${t.cmd} wrote more text than any contract holds`
            : `${t.cmd} stopped (${r.signal}), most likely at the memory cap`,
      );
    const err = r.stderr.replace(copy, 'the file').replace(/\s+/g, ' ').trim();
    if (format === 'doc' && /encrypt|password/i.test(err))
      throw errorFor('ENCRYPTED_DOCUMENT', file, 'a Word 97-2003 document protected with a password');
    if (r.code !== 0) throw errorFor(bad, file, err.slice(0, 120) || `${t.cmd} exit code ${r.code}`);
    let text = decode(r.stdout);
    if (format === 'rtf') text = dropUnrtfHeader(text);
    return { text: cleanExtracted(text).replace(/^\n+/, '') };
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
