import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';

export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** One HTTP call to the real server; `cookie` is a session from signIn(). */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit | Uint8Array } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body = opts.raw as BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Signs in and returns the session cookie ("hcp_session=…") for later calls. */
export async function signIn(baseUrl: string, employeeNo: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await api(baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${employeeNo} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** The demo accounts, one per role (README). */
export const DEMO_ACCOUNTS = {
  STAFF: 'D1001',
  LEAD: 'D1002',
  STAFF_W2: 'D2001',
  OFFICE: 'D9001',
  SUPERVISION: 'D9002',
  PERSONNEL: 'D9003',
  ADMIN: 'D9000',
} as const;
