import { performance } from 'node:perf_hooks';
import { API } from '../src/domain/endpoints';
import { signIn } from '../test/support/api';
import { startInProcessServer, type InProcessServer } from '../test/support/server';
import { percentile } from './bench-targets';
import { INVITATION_RECHECK_MS } from '../sync-server/invitations/wait-for-invitation';

export interface InviteFigures {
  kiosks: number;
  invites: number;
  /** Invite POST sent → the waiting kiosk's answer read, the kiosk polling the instance that took the invitation. */
  sameInstance: { p50Ms: number; p95Ms: number };
  /** The same with the kiosks polling a second instance on the same database (no notice: its re-read finds it). */
  otherInstance: { p50Ms: number; p95Ms: number };
}

interface Kiosk {
  windowId: string;
  caseNo: string;
  after?: string;
  answer?: Promise<{ at: number; id: string | null }>;
}

/**
 * Issue 14's figure "invite → kiosk showing the item": `kiosks` kiosks long-poll their windows (demo mode: each
 * names its window), the business system invites one 办件 after another, round-robin over the windows, and each
 * invitation is timed from the POST to the moment its kiosk has read the answer, over HTTP. Then again with the
 * kiosks on a second instance sharing the database. `env` selects PostgreSQL as the server's environment does.
 */
export async function measureInviteToKiosk(kiosks: number, invites: number, env: NodeJS.ProcessEnv = {}): Promise<InviteFigures> {
  const a = await startInProcessServer({ checkResponses: false, env });
  const b = await startInProcessServer({ checkResponses: false, env, dataDir: a.dataDir });
  try {
    const admin = await signIn(a.baseUrl, 'D9000');
    const made = await fetch(a.baseUrl + API.systemTokens.path, {
      method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ unitId: 'demo-unit', name: 'bench' }),
    });
    const token = ((await made.json()) as { token: string }).token;
    const now = Date.now();
    const windows: Kiosk[] = [];
    for (let i = 0; i < kiosks; i++) {
      const windowId = `bench-w${i}`;
      await a.store.insertWindow({ id: windowId, unitId: 'demo-unit', number: `B${i}`, name: { 'zh-CN': `窗口${i}`, en: `W${i}`, bo: `W${i}` }, sortOrder: 100 + i, active: true });
      windows.push({ windowId, caseNo: `BENCH-${i}` });
    }
    await a.store.upsertServiceCases(
      windows.map((w) => ({
        caseNo: w.caseNo, serviceItemId: 'demo-item-1', unitId: 'demo-unit', windowId: w.windowId, staffId: null,
        applicantType: 'PERSON' as const, acceptedAt: now, finishedAt: null, status: 'ACCEPTED' as const, source: 'API' as const,
      })),
      now,
    );
    const run = async (kioskServer: InProcessServer) => {
      const ks = windows.map((w) => ({ ...w }));
      const invite = (k: Kiosk) =>
        fetch(a.baseUrl + API.systemInvite.path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ caseNo: k.caseNo }) });
      // Each kiosk first takes what is open at its window (an earlier run's), as a kiosk holds its last invitation.
      for (const k of ks) {
        const open = (await (await fetch(`${kioskServer.baseUrl}${API.kioskInvitation.path}?window=${k.windowId}`)).json()) as { invitation: { id: string } | null };
        k.after = open.invitation?.id;
      }
      const poll = (k: Kiosk) => {
        const q = `?window=${k.windowId}&waitMs=25000${k.after ? `&after=${k.after}` : ''}`;
        k.answer = fetch(kioskServer.baseUrl + API.kioskInvitation.path + q)
          .then((r) => r.json() as Promise<{ invitation: { id: string } | null }>)
          .then((body) => ({ at: performance.now(), id: body.invitation?.id ?? null }));
      };
      ks.forEach(poll);
      const latencies: number[] = [];
      for (let j = 0; j < invites; j++) {
        const k = ks[j % ks.length];
        // A random pause first: invitations one right after another's answer would fall in step with the kiosks'
        // re-reads (every INVITATION_RECHECK_MS) and measure that step instead of where in it a real one lands.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * INVITATION_RECHECK_MS));
        const t0 = performance.now();
        const { invitation } = (await (await invite(k)).json()) as { invitation: { id: string } };
        // A poll that ended empty (its 25 s passed) is asked again until the invitation arrives.
        for (;;) {
          const got = await k.answer!;
          if (got.id === invitation.id) {
            latencies.push(got.at - t0);
            break;
          }
          if (got.id) k.after = got.id;
          poll(k);
        }
        k.after = invitation.id;
        poll(k);
      }
      // Every kiosk is waiting again: one more invitation each ends their polls.
      await Promise.all(ks.map((k) => invite(k)));
      await Promise.all(ks.map((k) => k.answer));
      const sorted = latencies.sort((x, y) => x - y);
      return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
    };
    const sameInstance = await run(a);
    const otherInstance = await run(b);
    return { kiosks, invites, sameInstance, otherInstance };
  } finally {
    await b.close();
    await a.close();
  }
}
