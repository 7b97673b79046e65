import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../test/support/postgres';
import { spawnServer, tempDir, type ServerProcess } from '../test/support/server';

/** One store to measure: SQLite in a data folder, or PostgreSQL in a schema of its own. */
export interface BenchTarget {
  name: 'SQLite' | 'PostgreSQL';
  /** The environment every instance of this target starts with (the key shared, as several instances need). */
  env: Record<string, string>;
  /** The data folder of instance i (SQLite: all instances share one; PostgreSQL: one each). */
  dataDir(i: number): string;
}

export function benchTargets(): BenchTarget[] {
  const key = randomBytes(32).toString('base64');
  const sqliteDir = tempDir('bench-sqlite');
  const pgDirs = [tempDir('bench-pg-a'), tempDir('bench-pg-b')];
  return [
    { name: 'SQLite', env: { HCP_CONTACT_KEY: key }, dataDir: () => sqliteDir },
    {
      name: 'PostgreSQL',
      env: { HCP_CONTACT_KEY: key, DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_bench'), PGPOOL_MAX: '10' },
      dataDir: (i) => pgDirs[i % pgDirs.length],
    },
  ];
}

/** `n` server processes of the build on one target, started one after another (the first migrates and seeds). */
export async function startInstances(target: BenchTarget, n: number): Promise<ServerProcess[]> {
  const out: ServerProcess[] = [];
  for (let i = 0; i < n; i++) out.push(await spawnServer({ dataDir: target.dataDir(i), built: true, env: { ...target.env, LOG_LEVEL: 'error' } }));
  return out;
}

export async function stopInstances(instances: ServerProcess[]) {
  for (const p of instances) await p.stop();
}

/** Resident memory of a process now and at its peak, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

export const dropBenchSchemas = dropTestSchemas;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
