// Ingest: a zip package (DOCX) inspected from its central directory BEFORE anything is inflated. Sizes,
// ratios and encryption flags are checked there; a part is then inflated only up to its declared size and
// a hard cap (yauzl stops a stream that yields more than the directory claimed). Nothing is ever
// allocated from a claimed size: parts are read in chunks as they come.
import yauzl from 'yauzl';
import { errorFor } from '../errors.js';

export interface ZipLimits {
  /** most bytes all entries may claim together once inflated */
  maxTotalMb: number;
  /** most bytes one part that is read may inflate to */
  maxPartMb: number;
  /** an entry that inflates more than this many times its stored size (and past 1 MiB) is a bomb */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalMb: 512, maxPartMb: 128, maxRatio: 200, maxEntries: 20_000 };

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

export interface ZipPackage {
  /** entry names, '/'-separated, as in the central directory */
  names: ReadonlySet<string>;
  entries: ReadonlyMap<string, ZipEntryInfo>;
  /** inflate one part; undefined when there is no such entry */
  read(name: string): Promise<Buffer | undefined>;
  close(): void;
}

const MIB = 1024 * 1024;

function openBuffer(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (err, zf) => {
        if (err || !zf) reject(err ?? new Error('no zip'));
        else resolve(zf);
      },
    );
  });
}

/** Zip entry names normalised to '/' (a backslash name is a Windows path-separator risk). */
export function normaliseName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

export async function openZip(buf: Buffer, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipPackage> {
  let zf: yauzl.ZipFile;
  try {
    zf = await openBuffer(buf);
  } catch (e) {
    throw errorFor('CORRUPT_DOCX', file, `broken zip structure: ${shortMessage(e)}`);
  }
  const entries = new Map<string, ZipEntryInfo>();
  const raw = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zf.on('entry', (entry: yauzl.Entry) => {
        const name = normaliseName(entry.fileName);
        const info: ZipEntryInfo = {
          name,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          encrypted: entry.isEncrypted(),
        };
        if (entries.size >= limits.maxEntries)
          return reject(errorFor('ARCHIVE_BOMB', file, `more than ${limits.maxEntries} entries`));
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (entry.uncompressedSize > MIB && ratio > limits.maxRatio) {
          return reject(
            errorFor(
              'ARCHIVE_BOMB',
              file,
              `${name} would inflate to ${(entry.uncompressedSize / MIB).toFixed(0)} MB from ${(entry.compressedSize / 1024).toFixed(0)} KB, a ratio of ${Math.round(ratio)}:1`,
            ),
          );
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalMb * MIB)
          return reject(errorFor('ARCHIVE_BOMB', file, `its parts would inflate to more than ${limits.maxTotalMb} MB`));
        if (!entries.has(name)) {
          entries.set(name, info);
          raw.set(name, entry);
        }
        zf.readEntry();
      });
      zf.on('end', () => resolve());
      zf.on('error', (e: unknown) => reject(e));
      zf.readEntry();
    });
  } catch (e) {
    zf.close();
    if (e instanceof Error && e.name === 'ClausemapError') throw e;
    throw errorFor('CORRUPT_DOCX', file, `broken zip directory: ${shortMessage(e)}`);
  }

  const read = (name: string): Promise<Buffer | undefined> => {
    const entry = raw.get(name);
    if (!entry) return Promise.resolve(undefined);
    if (entry.isEncrypted())
      return Promise.reject(errorFor('ENCRYPTED_DOCUMENT', file, 'the zip entries are encrypted'));
    const cap = limits.maxPartMb * MIB;
    if (entry.uncompressedSize > cap)
      return Promise.reject(
        errorFor(
          'ARCHIVE_BOMB',
          file,
          `${name} would inflate to ${(entry.uncompressedSize / MIB).toFixed(0)} MB, over the ${limits.maxPartMb} MB limit for one part`,
        ),
      );
    return new Promise<Buffer>((resolve, reject) => {
      zf.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(errorFor('CORRUPT_DOCX', file, `${name}: ${shortMessage(err)}`));
        const chunks: Buffer[] = [];
        let got = 0;
        stream.on('data', (c: Buffer) => {
          got += c.length;
          if (got > cap || got > entry.uncompressedSize) {
            stream.destroy();
            reject(errorFor('ARCHIVE_BOMB', file, `${name} inflates past its declared size`));
            return;
          }
          chunks.push(c);
        });
        stream.on('error', (e: unknown) => reject(errorFor('CORRUPT_DOCX', file, `${name}: ${shortMessage(e)}`)));
        stream.on('end', () => resolve(Buffer.concat(chunks, got)));
      });
    });
  };
  return { names: new Set(entries.keys()), entries, read, close: () => zf.close() };
}

function shortMessage(e: unknown): string {
  const m = (e as Error)?.message ?? String(e);
  return m.replace(/\s+/g, ' ').slice(0, 120);
}
