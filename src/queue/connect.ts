// The queue's address (`--queue redis://HOST:PORT`, or CLAUSEMAP_QUEUE) and the Redis connections BullMQ
// is given: BullMQ leaves the driver to the application, and clausemap's own (resp.ts) needs no package.
import { createBunRedisClient, type IRedisClient } from 'bullmq';
import { parseRedisUrl, RespClient, type RespTarget } from './resp.js';

export class QueueAddressError extends Error {}

/** The target of a redis:// or rediss:// URL, or a sentence saying what is wrong with it. */
export function queueTarget(url: string): RespTarget {
  const t = parseRedisUrl(url);
  if (!t)
    throw new QueueAddressError(
      `--queue ${redact(url)}: not a Redis address; give redis://HOST:PORT (rediss:// for TLS, redis://:PASSWORD@HOST:PORT/DB with a password).`,
    );
  return t;
}

/** The URL as it may be shown: without its password. */
export function redact(url: string): string {
  return url.replace(
    /\/\/([^@/]*)@/,
    (_m, cred: string) => `//${cred.includes(':') ? cred.split(':')[0] + ':***' : '***'}@`,
  );
}

/** Connects once and asks PING: a sentence naming the address when no Redis answers there. */
export async function reachable(url: string, timeoutMs = 5_000): Promise<void> {
  const c = new RespClient(queueTarget(url));
  try {
    await c.connect(timeoutMs);
    await c.send('PING');
  } catch (e) {
    throw new QueueAddressError(
      `--queue ${redact(url)}: no Redis answers there (${(e as Error).message}); start redis-server there, or check the address.`,
    );
  } finally {
    c.close();
  }
}

/** A connection for BullMQ (it makes further ones from it as it needs them). A lost connection is
 *  replaced on its own; its error is no reason to stop (BullMQ's own listeners see it where they listen:
 *  a blocking reader, such as QueueEvents, reads on a copy and leaves this one without a listener). */
export function bullConnection(target: RespTarget): IRedisClient {
  const c = createBunRedisClient(new RespClient(target) as never) as IRedisClient;
  c.on('error', () => undefined);
  return c;
}
