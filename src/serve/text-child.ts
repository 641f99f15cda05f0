// A child process of `clausemap serve` that reads one document's text (for the contract view) and prints
// it as JSON: ingest runs here, under the caps the parent sets (time, memory), never in the server.
import { preparePdfProcess } from '../pipeline/natives.js'; // first: before anything loads pdf.js
import { ingestFile } from '../ingest/index.js';

await preparePdfProcess();
const file = process.argv[2];
if (!file) process.exit(2);
try {
  const doc = await ingestFile(file);
  process.stdout.write(JSON.stringify({ kind: doc.kind, text: doc.text, pageStarts: doc.pageStarts }));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: (e as Error).message }));
}
