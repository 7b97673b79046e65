import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Text the browser fetches; images and fonts are already compressed.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
// Below this, the headers cost more than the compression saves.
const MIN_BYTES = 1024;

/**
 * Writes `file.br` and `file.gz` beside every compressible file of the build, at the highest levels: done once at
 * build time, so the server only picks a file (@fastify/static `preCompressed`) and spends no CPU per request.
 * A variant that is not smaller than the original is not written, and the server then sends the original.
 */
export async function precompressDir(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => path.join(e.parentPath, e.name));
  let written = 0;
  await Promise.all(
    files.map(async (file) => {
      const raw = await fs.readFile(file);
      if (raw.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      for (const [ext, data] of [['.br', br], ['.gz', gz]] as const) {
        if (data.length >= raw.length) continue;
        await fs.writeFile(file + ext, data);
        written++;
      }
    }),
  );
  return written;
}

/** Vite plugin: precompresses the output after every other plugin has written (the service worker included). */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hcp-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // 'post' and sequential: vite-plugin-pwa writes sw.js in its own closeBundle, which must finish first.
      order: 'post',
      sequential: true,
      async handler() {
        await precompressDir(outDir);
      },
    },
  };
}
