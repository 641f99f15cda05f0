// Ingest: text clean-up for extracted (PDF/DOCX) text. Never applied to .txt input, whose offsets must
// point into the file as it is.
const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

export function cleanExtracted(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00A0/g, ' ');
}
