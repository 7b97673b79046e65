import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Browser tests run the build, as `npm start` serves it. */
export function assertBuilt() {
  for (const f of ['dist/index.html', 'dist/sw.js', 'dist-server/main.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm test does)`);
  }
}

/** A Chromium profile on disk, so a test can close the browser and reopen the same profile. */
export async function openProfile(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Signs a demo account in through the page's own form at `url` (/staff or /form). */
export async function signInOnPage(page: Page, url: string, employeeNo: string, password = 'demo1234') {
  await page.goto(url);
  await page.getByLabel('工号').fill(employeeNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Loads the kiosk and reloads once, so the page is controlled by the installed service worker. */
export async function loadControlledKiosk(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: '非常满意' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) throw new Error('the service worker does not control the page after a reload');
}

/** Every object in every store of the app's IndexedDB, as JSON: what the device holds. */
export async function dumpIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('haochaping-window');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

export async function outboxCount(page: Page): Promise<number> {
  return ((await dumpIndexedDb(page)).outbox ?? []).length;
}

/** Reads the server's SQLite file directly (WAL allows a reader beside the running server). */
/** The raw rows, as anyone holding the database file would see them: contact only encrypted and masked. */
export function serverRatings(dataDir: string): { id: string; level: string; contact_phone_masked: string | null; contact_enc: string | null; reasons_json: string }[] {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, level, contact_phone_masked, contact_enc, reasons_json FROM ratings ORDER BY seq').all() as never;
  } finally {
    db.close();
  }
}

export async function waitUntil<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Records Content-Security-Policy violations from the first script on, so a test can require none. */
export async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

