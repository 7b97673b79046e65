import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress';
import { KIOSK_CONFIG_PATH } from '../../src/domain/sync-constants';
import { startInProcessServer, tempDir, type InProcessServer } from '../support/server';

/**
 * The built PWA as the server sends it: precompressed text by Accept-Encoding, hashed files cached for a year,
 * everything else revalidated. A small build of the same shape is made here, compressed by the build's own step.
 */
const ASSET = '/assets/index-Ab12Cd34.js';
const WORKBOX = '/workbox-2ff6bd68.js';
// Repetitive text, like minified code: well worth compressing.
const js = Array.from({ length: 400 }, (_, i) => `export const value${i} = "好差评 ${i}";`).join('\n');
const html = `<!doctype html><html lang="zh-CN"><head><script type="module" src="${ASSET}"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
const sw = `self.addEventListener('install', () => {});\n${'// precache manifest\n'.repeat(100)}`;

let srv: InProcessServer;
let dist: string;

beforeAll(async () => {
  dist = tempDir('dist');
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.mkdirSync(path.join(dist, 'icons'));
  fs.writeFileSync(path.join(dist, ASSET), js);
  fs.writeFileSync(path.join(dist, WORKBOX), js);
  fs.writeFileSync(path.join(dist, 'index.html'), html);
  fs.writeFileSync(path.join(dist, 'sw.js'), sw);
  fs.writeFileSync(path.join(dist, 'registerSW.js'), "navigator.serviceWorker.register('/sw.js')");
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), JSON.stringify({ name: '好差评', icons: Array(60).fill({ src: '/icons/a.png' }) }));
  fs.writeFileSync(path.join(dist, 'icons/icon-192.png'), Buffer.alloc(4000, 7));
  await precompressDir(dist);
  srv = await startInProcessServer({ app: { staticDir: dist } });
});
afterAll(async () => {
  await srv.close();
});

/** A raw GET: node's http does not decode, so the body is the bytes on the wire. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('compressed text', () => {
  const files = [
    [ASSET, js],
    ['/index.html', html],
    ['/', html],
    ['/staff', html],
    ['/sw.js', sw],
  ] as const;

  for (const [url, original] of files) {
    it(`${url}: brotli when accepted, the same bytes once decoded`, async () => {
      const res = await get(srv.baseUrl + url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(Buffer.byteLength(original) / 2);
      expect(zlib.brotliDecompressSync(res.body).toString()).toBe(original);
    });

    it(`${url}: gzip for a client without brotli`, async () => {
      const res = await get(srv.baseUrl + url, { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(zlib.gunzipSync(res.body).toString()).toBe(original);
    });

    it(`${url}: as is for a client that accepts no encoding`, async () => {
      const res = await get(srv.baseUrl + url);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.toString()).toBe(original);
    });
  }

  it('keeps the content type of the original file', async () => {
    const res = await get(srv.baseUrl + ASSET, { 'accept-encoding': 'br' });
    expect(res.headers['content-type']).toMatch(/javascript/);
    const page = await get(srv.baseUrl + '/', { 'accept-encoding': 'br' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('sends an image as it is, with no compressed copy beside it', async () => {
    expect(fs.existsSync(path.join(dist, 'icons/icon-192.png.br'))).toBe(false);
    const res = await get(srv.baseUrl + '/icons/icon-192.png', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBe(4000);
  });

  it('never serves the compressed copies as files of their own type by mistake', async () => {
    const res = await get(srv.baseUrl + '/sw.js', { 'accept-encoding': 'br' });
    expect(res.headers['content-type']).toMatch(/javascript/);
  });
});

describe('cache headers', () => {
  for (const encoding of ['br', 'gzip', '']) {
    it(`hashed files are immutable for a year (accept-encoding "${encoding}")`, async () => {
      for (const url of [ASSET, WORKBOX]) {
        const res = await get(srv.baseUrl + url, encoding ? { 'accept-encoding': encoding } : {});
        expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      }
    });

    it(`index.html, the service worker and the manifest are revalidated every time (accept-encoding "${encoding}")`, async () => {
      for (const url of ['/', '/index.html', '/staff', '/sw.js', '/registerSW.js', '/manifest.webmanifest']) {
        const res = await get(srv.baseUrl + url, encoding ? { 'accept-encoding': encoding } : {});
        expect(res.status, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
      }
    });
  }

  it('a revalidated file answers 304 to its ETag, per encoding', async () => {
    const first = await get(srv.baseUrl + '/sw.js', { 'accept-encoding': 'br' });
    expect(first.headers.etag).toBeTruthy();
    const again = await get(srv.baseUrl + '/sw.js', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    const raw = await get(srv.baseUrl + '/sw.js');
    expect(raw.headers.etag).not.toBe(first.headers.etag);
  });
});

describe('the API answer the kiosk waits for before its first paint', () => {
  it('sends the kiosk configuration gzipped to a client that takes it, as is to one that does not', async () => {
    const zipped = await get(srv.baseUrl + KIOSK_CONFIG_PATH, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.headers['cache-control']).toBe('no-store');
    const plain = await get(srv.baseUrl + KIOSK_CONFIG_PATH);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const { fetchedAt: _a, ...fromZipped } = JSON.parse(zlib.gunzipSync(zipped.body).toString());
    const { fetchedAt: _b, ...fromPlain } = JSON.parse(plain.body.toString());
    expect(fromZipped).toEqual(fromPlain);
    expect(fromPlain.window.id).toBe('demo-w1');
  });
});
