import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PHONE_PAGE_PREFIX } from '../../src/domain/phone-constants';
import { API_PREFIX, ERROR_CODES } from '../../src/domain/sync-constants';
import { sendError } from '../errors';

// Names that carry a hash of their content (Vite's assets, the Workbox runtime): a new build gives a new name.
const HASHED = /^\/(assets\/.+|workbox-[0-9a-f]{8}\.js)$/;
// The build writes these beside each text file (scripts/precompress.ts); headers follow the file they encode.
const ENCODED_SUFFIX = /\.(br|gz)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control for a file of the build, by its path under the build folder ('/assets/x.js'). Everything without a
 * hash in its name (index.html, sw.js, registerSW.js, the manifest, icons) is revalidated by its ETag every time.
 */
export function cacheControlFor(rel: string): string {
  return HASHED.test(rel) ? IMMUTABLE : 'no-cache';
}

/**
 * Serves the built PWA; any other GET outside the API answers with index.html so client routes load. Text goes
 * out as the brotli or gzip file made at build time when the client accepts it (`preCompressed`), else as is.
 */
export async function staticAppRoutes(app: FastifyInstance, staticDir: string) {
  const hasBuild = fs.existsSync(path.join(staticDir, 'index.html'));
  const hasPhonePage = fs.existsSync(path.join(staticDir, 'r.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      // Off, or send's own "max-age=0" would overwrite the header set below (it is applied after setHeaders).
      cacheControl: false,
      setHeaders(res, filePath) {
        const rel = '/' + path.relative(staticDir, filePath).split(path.sep).join('/').replace(ENCODED_SUFFIX, '');
        // A stale sw.js or index.html would pin an old version; a hashed file never changes under its name.
        res.setHeader('cache-control', cacheControlFor(rel));
        // The same URL answers differently by Accept-Encoding: a shared cache must key on it.
        res.setHeader('vary', 'Accept-Encoding');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    if (req.method === 'GET' && hasBuild && !url.startsWith(API_PREFIX) && !path.extname(url)) {
      // The phone rating page is its own small entry (r.html), never the staff app.
      const page = url.startsWith(PHONE_PAGE_PREFIX) && hasPhonePage ? 'r.html' : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    }
    return sendError(reply, 404, ERROR_CODES.notFound, `${req.method} ${url} does not exist`);
  });
}
