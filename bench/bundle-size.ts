import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface BundleFigures {
  firstPaintJsGzipKiB: number;
  firstPaintFiles: string[];
  lazyJsGzipKiB: number;
}

/**
 * The JavaScript an entry page loads before it can paint (entry scripts and module preloads), gzip -9: index.html
 * (the kiosk) by default, r.html for the phone rating page.
 */
export function measureBundle(distDir = 'dist', htmlFile = 'index.html'): BundleFigures {
  const html = fs.readFileSync(path.join(distDir, htmlFile), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length;
  const firstPaint = refs.reduce((sum, ref) => sum + gz(ref.replace(/^\//, '')), 0);
  const all = fs.readdirSync(path.join(distDir, 'assets')).filter((f) => f.endsWith('.js'));
  const total = all.reduce((sum, f) => sum + gz(path.join('assets', f)), 0);
  return {
    firstPaintJsGzipKiB: firstPaint / 1024,
    firstPaintFiles: refs,
    lazyJsGzipKiB: (total - firstPaint) / 1024,
  };
}
