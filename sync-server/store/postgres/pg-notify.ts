import pg from 'pg';
import { CaseOpenedSchema, type CaseOpened } from '../../../src/domain/case-live';
import { deliver, type CaseListener, type CaseNotifier } from '../../live/case-notifier';
import { isValidSchemaName, openPgDb, type PgDb } from './pg-db';

export interface PgNotifierOptions {
  connectionString: string;
  /** The store's schema (DATABASE_SCHEMA); the connection's current schema when left out. */
  schema?: string;
  onError?: (err: unknown) => void;
  /** First and longest wait before the listening connection is made again. */
  backoffMs?: { first: number; max: number };
}

/**
 * The channel of one store: notices are per database, so the schema is in the name and instances (or parallel
 * tests) on other schemas of the same database never hear each other. An identifier is at most 63 bytes.
 */
export function caseChannel(schema: string): string {
  return `hcp_cases_${schema}`.slice(0, 63);
}

/**
 * Case notices between server instances through PostgreSQL's LISTEN/NOTIFY. Every instance keeps one connection
 * of its own that LISTENs (a pooled one cannot: the pool hands it to others). `publish` runs pg_notify after the
 * opening transaction committed, on a small pool of its own. When the listening connection drops, it is made
 * again with a growing wait, and subscribers are told `missed`: NOTIFY keeps nothing for a listener that was away.
 */
export class PgCaseNotifier implements CaseNotifier {
  private readonly listeners = new Set<CaseListener>();
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  private constructor(
    private readonly opts: PgNotifierOptions,
    private readonly publisher: PgDb,
    readonly channel: string,
  ) {}

  /** Connects and listens before it resolves, so a notice published once it has resolved is heard. */
  static async open(opts: PgNotifierOptions): Promise<PgCaseNotifier> {
    if (opts.schema !== undefined && !isValidSchemaName(opts.schema)) throw new Error(`not a schema name: ${opts.schema}`);
    const publisher = openPgDb({ connectionString: opts.connectionString, schema: opts.schema, max: 2 });
    try {
      const schema = opts.schema ?? (await publisher.query<{ s: string }>('SELECT current_schema() AS s'))[0].s;
      const notifier = new PgCaseNotifier(opts, publisher, caseChannel(schema));
      await notifier.listen();
      return notifier;
    } catch (err) {
      await publisher.close();
      throw err;
    }
  }

  /** The server process of the listening connection (null while it is being made again): tests end it. */
  get listenerPid(): number | null {
    return this.pid;
  }

  async publish(event: CaseOpened): Promise<void> {
    try {
      await this.publisher.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(event)]);
    } catch (err) {
      // The case is committed; the tablets' summary poll brings it. The request that opened it is not failed.
      this.opts.onError?.(err);
    }
  }

  subscribe(listener: CaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    this.pid = null;
    await client?.end().catch(() => {});
    await this.publisher.close();
  }

  private async listen(): Promise<void> {
    // Keep-alive probes tell a connection that died silently (a dropped network) from a quiet one within a minute.
    const client = new pg.Client({ connectionString: this.opts.connectionString, application_name: 'hcp-case-notifier', keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    // Without these listeners a dropped connection would be an unhandled 'error' and end the process.
    client.on('error', (err) => this.dropped(client, err));
    client.on('end', () => this.dropped(client, null));
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      let parsed: ReturnType<typeof CaseOpenedSchema.safeParse>;
      try {
        parsed = CaseOpenedSchema.safeParse(JSON.parse(msg.payload));
      } catch (err) {
        this.opts.onError?.(err);
        return;
      }
      if (parsed.success) deliver([...this.listeners], { kind: 'opened', event: parsed.data }, this.onError);
    });
    try {
      await client.connect();
      // The channel is a quoted identifier made from a checked schema name (caseChannel): nothing to escape.
      await client.query(`LISTEN "${this.channel}"`);
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      if (this.closed) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.pid = pid;
      this.failures = 0;
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw err;
    }
  }

  private readonly onError = (err: unknown) => this.opts.onError?.(err);

  /** The listening connection ended (the server restarted, the backend was terminated, the network dropped). */
  private dropped(client: pg.Client, err: Error | null) {
    if (client !== this.client || this.closed) return;
    if (err) this.opts.onError?.(err);
    this.client = null;
    this.pid = null;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed || this.retryTimer) return;
    const { first, max } = this.opts.backoffMs ?? { first: 250, max: 10_000 };
    const wait = Math.min(max, first * 2 ** Math.min(this.failures, 16));
    this.failures++;
    // Equal jitter: instances that lost the database together do not all come back in the same millisecond.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.listen().then(
        () => {
          // Whatever was published while nobody here listened is lost: every listener should look again.
          if (this.client) deliver([...this.listeners], { kind: 'missed' }, this.onError);
        },
        (err) => {
          this.opts.onError?.(err);
          this.scheduleReconnect();
        },
      );
    }, wait / 2 + Math.random() * (wait / 2));
    this.retryTimer.unref();
  }
}
