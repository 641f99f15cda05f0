// A small Redis client (RESP2 over one TCP or TLS socket) shaped as BullMQ's driver adapter for Bun's
// built-in client expects: `send(command, args)`, `connected`, `connect()`, `close()`, `duplicate()` and
// the `onconnect` / `onclose` callbacks. BullMQ leaves the choice of driver to the application and ships
// adapters for ioredis, node-redis and Bun; this one needs no further package. Replies: simple and bulk
// strings as text (bulk as a Buffer where asked, for document bytes), integers as numbers, arrays as
// arrays, an error reply as an Error (inside an array, as an element; on its own, a rejected promise).
import net from 'node:net';
import tls from 'node:tls';

export interface RespTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: boolean;
}

/** An error reply from Redis (a command refused, a script error). */
export class RedisReplyError extends Error {
  override name = 'ReplyError';
}

type Arg = string | number | Buffer | Uint8Array;
type Reply = string | number | Buffer | null | Error | Reply[];
interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  buffers: boolean;
}

/** A reply parsed from `buf` at `at`, and where the next one starts; undefined when more bytes are needed. */
function parse(buf: Buffer, at: number, buffers: boolean): [Reply, number] | undefined {
  const eol = buf.indexOf('\r\n', at, 'latin1');
  if (eol < 0) return undefined;
  const kind = buf[at];
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  switch (kind) {
    case 0x2b: // +
      return [line, next];
    case 0x2d: // -
      return [new RedisReplyError(line), next];
    case 0x3a: // :
      return [Number(line), next];
    case 0x24: {
      // $
      const n = Number(line);
      if (n < 0) return [null, next];
      if (buf.length < next + n + 2) return undefined;
      const body = buf.subarray(next, next + n);
      return [buffers ? Buffer.from(body) : body.toString('utf8'), next + n + 2];
    }
    case 0x2a: {
      // *
      const n = Number(line);
      if (n < 0) return [null, next];
      const out: Reply[] = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p, buffers);
        if (!r) return undefined;
        out.push(r[0]);
        p = r[1];
      }
      return [out, p];
    }
    default:
      throw new Error(`unexpected reply from the server (byte ${kind})`);
  }
}

function encode(command: string, args: readonly Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n`)];
  for (const a of [command, ...args]) {
    const b = typeof a === 'string' ? Buffer.from(a) : typeof a === 'number' ? Buffer.from(String(a)) : Buffer.from(a);
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export class RespClient {
  connected = false;
  onconnect: () => void = () => undefined;
  onclose: (error?: Error) => void = () => undefined;
  onerror: (error: Error) => void = () => undefined;
  private socket?: net.Socket;
  private pending: Pending[] = [];
  private input: Buffer = Buffer.alloc(0);
  private connecting?: Promise<void>;

  private ended = false;

  /** `redial`: a command sent while the connection is down connects again first (for clausemap's own
   *  connections; BullMQ's adapter replaces a lost client itself). */
  constructor(
    readonly target: RespTarget,
    private readonly redial = false,
  ) {}

  /** A new, unconnected client to the same server. */
  duplicate(): Promise<RespClient> {
    return Promise.resolve(new RespClient(this.target));
  }

  connect(timeoutMs = 10_000): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const { host, port } = this.target;
      const socket = this.target.tls ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
      const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      let opened = false;
      socket.once(this.target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        opened = true;
        this.connected = true;
        void this.hello().then(
          () => {
            this.connecting = undefined;
            resolve();
            this.onconnect();
          },
          (e: Error) => {
            this.connecting = undefined;
            reject(e);
            socket.destroy();
          },
        );
      });
      socket.on('data', (d: Buffer) => this.read(d));
      socket.on('error', (e) => {
        clearTimeout(timer);
        if (!opened) {
          this.connecting = undefined;
          reject(e);
        } else this.onerror(e);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        const was = this.connected;
        this.connected = false;
        this.socket = undefined;
        this.input = Buffer.alloc(0);
        for (const p of this.pending.splice(0)) p.reject(new Error('Connection closed'));
        if (was) this.onclose(new Error('Connection closed'));
      });
    });
    return this.connecting;
  }

  private async hello(): Promise<void> {
    const { username, password, db } = this.target;
    if (password) await this.send('AUTH', username ? [username, password] : [password]);
    if (db) await this.send('SELECT', [db]);
  }

  private read(d: Buffer): void {
    this.input = this.input.length ? Buffer.concat([this.input, d]) : d;
    let at = 0;
    try {
      while (this.pending.length && at < this.input.length) {
        const r = parse(this.input, at, this.pending[0]!.buffers);
        if (!r) break;
        at = r[1];
        const p = this.pending.shift()!;
        if (r[0] instanceof RedisReplyError) p.reject(r[0]);
        else p.resolve(r[0]);
      }
    } catch (e) {
      this.socket?.destroy(e as Error);
      return;
    }
    this.input = at >= this.input.length ? Buffer.alloc(0) : this.input.subarray(at);
  }

  /** One command; its reply (bulk strings as text). */
  send(command: string, args: readonly Arg[] = []): Promise<Reply> {
    return this.command(command, args, false);
  }

  /** One command whose bulk-string replies come back as Buffers (binary values). */
  sendBuffers(command: string, args: readonly Arg[] = []): Promise<Reply> {
    return this.command(command, args, true);
  }

  private command(command: string, args: readonly Arg[], buffers: boolean): Promise<Reply> {
    const socket = this.socket;
    if (!socket || !this.connected) {
      if (this.redial && !this.ended) return this.connect().then(() => this.command(command, args, buffers));
      return Promise.reject(new Error('Connection closed'));
    }
    return new Promise<Reply>((resolve, reject) => {
      this.pending.push({ resolve, reject, buffers });
      socket.write(
        encode(
          command,
          args.map((a) => (a === undefined || a === null ? '' : a)),
        ),
      );
    });
  }

  close(): void {
    this.ended = true;
    this.connected = false;
    this.socket?.end();
    this.socket?.destroy();
  }

  disconnect(): void {
    this.close();
  }
}

/** redis://[user:password@]host[:port][/db] or rediss:// (TLS); undefined when it is no such URL. */
export function parseRedisUrl(url: string): RespTarget | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return undefined;
  if (!u.hostname) return undefined;
  const port = u.port ? Number(u.port) : 6379;
  const dbPath = u.pathname.replace(/^\//, '');
  if (dbPath && !/^\d+$/.test(dbPath)) return undefined;
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(dbPath ? { db: Number(dbPath) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: true } : {}),
  };
}
