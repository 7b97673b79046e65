import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/precompress';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
    VitePWA({
      // 'prompt': a new version waits until the kiosk is idle (src/pwa/usePwaUpdate.ts), never mid-rating.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/icon.svg'],
      manifest: {
        id: '/',
        name: '好差评 Window · 政务服务评价',
        short_name: '好差评',
        description: '政务服务窗口“好差评”评价器：离线可用，联网自动同步。',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'fullscreen',
        display_override: ['fullscreen', 'standalone'],
        orientation: 'any',
        background_color: '#f5f7f8',
        theme_color: '#b3261e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every chunk, locale included, is precached so a cold start with no network works.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        // The phone rating page (/r/<token>, r.html) is its own entry: the app's worker never answers it.
        navigateFallbackDenylist: [/^\/api\//, /^\/r\//],
        cleanupOutdatedCaches: true,
        // Staff photos are not part of the build; their URLs carry a version, so a cached copy is always right.
        runtimeCaching: [
          {
            urlPattern: /\/api\/v1\/staff\/[^/]+\/photo/,
            handler: 'CacheFirst',
            options: { cacheName: 'staff-photos', expiration: { maxEntries: 300, maxAgeSeconds: 180 * 24 * 3600 } },
          },
        ],
      },
    }),
    // The phone rating page is not the installable app: no manifest link (vite-plugin-pwa adds one to every page).
    {
      name: 'phone-page-without-manifest',
      enforce: 'post',
      transformIndexHtml: {
        order: 'post',
        handler: (html, ctx) => (ctx.filename.endsWith('r.html') ? html.replace(/\s*<link rel="manifest"[^>]*>/, '') : html),
      },
    },
    // Brotli and gzip copies of the text files, served by the sync server (sync-server/routes/static-app.ts).
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // The phone rating page (r.html → src/phone) is a second entry: no React, no service worker (issue 14).
    rollupOptions: { input: { main: 'index.html', r: 'r.html' } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
