// `clausemap serve`: the web app on this machine (src/serve). Options checked first, as every command
// checks them; then one line on stderr with the address and its token, and the server runs until Ctrl-C.
import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT } from '../pipeline/exit-codes.js';
import { defaultDataDir } from '../serve/portfolios.js';
import { writableDir } from '../store/location.js';
import { intOption, loadSettings, UsageError, type SetCode } from './common.js';

interface ServeFlags {
  port: number;
  host: string;
  data?: string;
  concurrency?: number;
  timeout: number;
  maxMemoryMb: number;
  maxFileMb: number;
  maxFiles: number;
  maxPortfolioMb: number;
}

function portOption(v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || n > 65535)
    throw new UsageError(`--port takes a port number from 0 to 65535, not "${v}".`);
  return n;
}

export function registerServe(program: Command, setCode: SetCode): void {
  program
    .command('serve')
    .description(
      'the web app: portfolios, reports and draft checks in your browser (http://127.0.0.1 only, by default)',
    )
    .option('--port <n>', 'port to listen on (default: a free one)', portOption, 0)
    .option('--host <host>', 'address to listen on; anything but 127.0.0.1 lets other machines connect', '127.0.0.1')
    .option(
      '--data <dir>',
      'where portfolios are kept (default: $XDG_DATA_HOME/clausemap, else ~/.local/share/clausemap)',
    )
    .option('--concurrency <n>', 'documents analysed at once (default: number of cores)', intOption)
    .option('--timeout <seconds>', 'per-document time cap', intOption, 60)
    .option('--max-memory-mb <mb>', 'per-document memory cap', intOption, 1024)
    .option('--max-file-mb <mb>', 'largest file one may upload', intOption, 50)
    .option('--max-files <n>', 'most files in one upload', intOption, 200)
    .option('--max-portfolio-mb <mb>', 'largest total of a portfolio', intOption, 1000)
    .action(async (o: ServeFlags) => {
      const dataDir = o.data ?? defaultDataDir();
      // checked before it is made: a folder that cannot be written is said in one sentence
      if (!writableDir(dataDir))
        throw new UsageError(`--data ${dataDir}: cannot be written; give a folder you may write to.`);
      mkdirSync(dataDir, { recursive: true });
      loadSettings({}, [], true); // the rules and the playbook load, or the problem is said now
      // the web server's packages load only for `serve`: every other command starts without them
      const { startServer } = await import('../serve/index.js');
      const server = await startServer({
        host: o.host,
        port: o.port,
        dataDir,
        limits: {
          fileBytes: o.maxFileMb * 1024 * 1024,
          files: o.maxFiles,
          portfolioBytes: o.maxPortfolioMb * 1024 * 1024,
        },
        ...(o.concurrency ? { concurrency: o.concurrency } : {}),
        timeoutMs: o.timeout * 1000,
        maxMemoryMb: o.maxMemoryMb,
        settings: (inputs) => loadSettings({}, inputs, true),
      }).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(
          e.code === 'EADDRINUSE'
            ? `--port ${o.port}: already in use; give another port, or leave out --port for a free one.`
            : `cannot listen on ${o.host}:${o.port} (${e.message}); check --host and --port.`,
        );
      });
      process.stderr.write(`clausemap: serving at ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      setCode(EXIT.OK);
    });
}
