import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, ERROR_CODES } from '../../src/domain/sync-constants';
import { sendError } from '../errors';

// Files the browser must revalidate every time: a stale sw.js or index.html would pin an old version.
const ALWAYS_REVALIDATE = new Set(['/sw.js', '/index.html', '/manifest.webmanifest', '/registerSW.js']);

/** Serves the built PWA; any other GET outside the API answers with index.html so client routes load. */
export async function staticAppRoutes(app: FastifyInstance, staticDir: string) {
  const hasBuild = fs.existsSync(path.join(staticDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: true,
      index: ['index.html'],
      setHeaders(res, filePath) {
        const rel = '/' + path.relative(staticDir, filePath).split(path.sep).join('/');
        if (rel.startsWith('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else if (ALWAYS_REVALIDATE.has(rel)) res.setHeader('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    if (req.method === 'GET' && hasBuild && !url.startsWith(API_PREFIX) && !path.extname(url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, ERROR_CODES.notFound, `${req.method} ${url} does not exist`);
  });
}
