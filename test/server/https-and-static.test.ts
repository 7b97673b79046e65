import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_PATH, KIOSK_CONFIG_PATH } from '../../src/domain/sync-constants';
import { spawnServer, startInProcessServer, tempDir, type InProcessServer, type ServerProcess } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: ServerProcess | undefined;
let inProc: InProcessServer | undefined;
afterEach(async () => {
  await server?.stop();
  await inProc?.close();
  server = undefined;
  inProc = undefined;
});

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('HTTPS for tablets on the hall network', () => {
  it('serves the API over TLS with a certificate made by the script the README documents', async () => {
    const dir = tempDir('tls');
    execFileSync('bash', [path.join(root, 'scripts/make-test-cert.sh'), '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
    const certs = path.join(dir, 'certs');
    server = await spawnServer({
      dataDir: path.join(dir, 'data'),
      env: { TLS_CERT: path.join(certs, 'server.crt'), TLS_KEY: path.join(certs, 'server.key') },
      scheme: 'https',
    });
    // Trusting only the test hall's CA, as a tablet that installed ca.crt does.
    const res = await httpsGet(server.baseUrl + HEALTH_PATH, fs.readFileSync(path.join(certs, 'ca.crt')));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok' });
  });

  it('refuses to start with a certificate but no key', async () => {
    await expect(spawnServer({ dataDir: tempDir('tls-half'), env: { TLS_CERT: '/nonexistent.pem' } })).rejects.toThrow(/TLS_CERT and TLS_KEY go together/);
  });
});

describe('kiosk configuration', () => {
  it('names the first demo window, its staff card and the reason list with every language', async () => {
    inProc = await startInProcessServer();
    const res = await fetch(inProc.baseUrl + KIOSK_CONFIG_PATH);
    expect(res.status).toBe(200);
    const config = await res.json();
    expect(config).toMatchObject({
      demo: true,
      window: { id: 'demo-w1', number: '1' },
      staffOnDuty: { name: '李明（演示）', employeeNo: 'D1001' },
      settings: { idleTimeoutMs: 60_000 },
    });
    expect(config.reasons).toHaveLength(13);
    for (const r of config.reasons) expect(Object.keys(r.label).sort()).toEqual(['bo', 'en', 'zh-CN']);
  });

  it('serves another window by id, and refuses unknown or malformed ids', async () => {
    inProc = await startInProcessServer();
    const w2 = await (await fetch(`${inProc.baseUrl}${KIOSK_CONFIG_PATH}?window=demo-w2`)).json();
    expect(w2.staffOnDuty.employeeNo).toBe('D2001');
    const unknown = await fetch(`${inProc.baseUrl}${KIOSK_CONFIG_PATH}?window=w9`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('UNKNOWN_WINDOW');
    const malformed = await fetch(`${inProc.baseUrl}${KIOSK_CONFIG_PATH}?window=${encodeURIComponent('<script>')}`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    inProc = await startInProcessServer();
    const res = await fetch(`${inProc.baseUrl}/api/v1/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
