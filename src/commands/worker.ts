// `clausemap worker`: reads documents for runs elsewhere (`--queue` on extract, audit and check), from a
// BullMQ queue on Redis, in the same capped child processes as a local run. Runs until Ctrl-C or SIGTERM:
// the first lets the documents being read finish, a second abandons them to other workers.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { EXIT } from '../pipeline/exit-codes.js';
import { checkQueue, intOption, UsageError, type SetCode } from './common.js';

interface WorkerFlags {
  queue?: string;
  concurrency?: number;
  lockTimeout: number;
  quiet?: boolean;
}

async function worker(o: WorkerFlags): Promise<number> {
  await checkQueue(o);
  if (!o.queue) throw new UsageError('worker: give the queue with --queue redis://HOST:PORT (or set CLAUSEMAP_QUEUE).');
  const { startWorker } = await import('../queue/worker.js');
  const log = o.quiet ? undefined : (line: string) => process.stderr.write(`clausemap worker: ${line}\n`);
  const running = await startWorker({
    url: o.queue,
    concurrency: o.concurrency ?? availableParallelism(),
    lockMs: o.lockTimeout * 1000,
    ...(log ? { log } : {}),
  });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(EXIT.INTERRUPTED);
      stopping = true;
      log?.('stopping: finishing the documents being read (Ctrl-C again to leave them to other workers)');
      void running.stop().then(() => resolve(EXIT.OK));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerWorker(program: Command, setCode: SetCode): void {
  program
    .command('worker')
    .description('read documents for runs given --queue, from a Redis queue, until stopped')
    .option('--queue <url>', 'the Redis queue, redis://HOST:PORT (default: CLAUSEMAP_QUEUE)')
    .option('--concurrency <n>', 'documents read at once (default: number of cores)', intOption)
    .option(
      '--lock-timeout <seconds>',
      'a document whose worker has gone silent this long is given to another worker',
      intOption,
      30,
    )
    .option('-q, --quiet', 'no line per document on stderr')
    .action(async (o: WorkerFlags) => setCode(await worker(o)));
}
