import path from 'node:path';
import Database from 'better-sqlite3';
import type { CaseOpened } from '../../../src/domain/case-live';
import { deliver, type CaseListener, type CaseNotifier } from '../../live/case-notifier';
import { SQLITE_FILE_NAME } from './open-sqlite';

export interface SqliteNotifierOptions {
  /** How often the cases table is read for cases another process opened (default 500 ms: well within 2 s). */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

interface CaseRow {
  seq: number;
  id: string;
  window_id: string;
  staff_id: string | null;
  unit_id: string;
}

/**
 * Case notices for SQLite, where several server processes may share one data folder (two-instances.test.ts):
 * SQLite has no LISTEN, so each process reads the cases committed since its last look, by rowid, twice a second and
 * at once when it opened one itself. Cases are never deleted and SQLite commits one writer at a time, so rowids
 * grow in commit order and a cursor misses none. Two indexed reads a second per process, whatever the tablets.
 */
export class SqliteCaseNotifier implements CaseNotifier {
  private readonly listeners = new Set<CaseListener>();
  private readonly db: Database.Database;
  private readonly newer: Database.Statement<[number], CaseRow>;
  private cursor: number;
  private readonly timer: NodeJS.Timeout;
  private soon: NodeJS.Immediate | null = null;

  constructor(dataDir: string, private readonly opts: SqliteNotifierOptions = {}) {
    // Its own read-only connection: the store's is busy with requests, and WAL lets a reader see every commit.
    this.db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
    this.newer = this.db.prepare('SELECT rowid AS seq, id, window_id, staff_id, unit_id FROM cases WHERE rowid > ? ORDER BY rowid LIMIT 500');
    this.cursor = (this.db.prepare('SELECT COALESCE(MAX(rowid), 0) AS seq FROM cases').get() as { seq: number }).seq;
    this.timer = setInterval(() => this.scan(), opts.intervalMs ?? 500);
    this.timer.unref();
  }

  /** The case is committed: the next read (right away) finds it in the table, with every other process's. */
  async publish(_event: CaseOpened): Promise<void> {
    this.soon ??= setImmediate(() => {
      this.soon = null;
      this.scan();
    });
  }

  subscribe(listener: CaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.soon) clearImmediate(this.soon);
    this.listeners.clear();
    this.db.close();
  }

  private scan() {
    if (!this.db.open) return;
    try {
      for (let rows = this.newer.all(this.cursor); rows.length > 0; rows = this.newer.all(this.cursor)) {
        for (const r of rows) {
          this.cursor = r.seq;
          const event: CaseOpened = { caseId: r.id, windowId: r.window_id, staffId: r.staff_id, unitId: r.unit_id };
          deliver([...this.listeners], { kind: 'opened', event }, (err) => this.opts.onError?.(err));
        }
      }
    } catch (err) {
      // A read that failed (the file busy or gone) is tried again at the next tick; the cursor did not move.
      this.opts.onError?.(err);
    }
  }
}
