import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { EmployeeNoSchema } from '../src/domain/account-api';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem, type PasswordProblem } from '../src/domain/password-rules';
import { configFromEnv } from './config';
import { hashPassword } from './crypto/passwords';
import { newId } from './crypto/tokens';
import { openStore } from './store/open-store';
import { decideServerMode } from './server-mode';

const USAGE = `usage: npm run create-admin -- --employee-no A0001 --name 张三 [--unit-name 单位名称]
The password is asked for on the terminal (or read from HCP_ADMIN_PASSWORD); there is never a default one.
Reads DATA_DIR (default ./data) like the server.`;

const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  TOO_SHORT: `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  TOO_LONG: `the password may have at most ${MAX_PASSWORD_LENGTH} characters`,
  BLANK: 'the password must not be only spaces',
  COMMON: 'the password is too common (or made like common ones: a run, one character repeated); choose another',
  CONTAINS_EMPLOYEE_NO: 'the password must not contain the 工号',
};

async function askPassword(): Promise<string> {
  if (process.env.HCP_ADMIN_PASSWORD) return process.env.HCP_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const first = await rl.question('password (at least 8 characters): ');
    const again = await rl.question('the same again: ');
    if (first !== again) throw new Error('the two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

/** Creates the first administrator of a real hall (and its first unit when the catalogue is empty). */
async function main() {
  const { values } = parseArgs({ options: { 'employee-no': { type: 'string' }, name: { type: 'string' }, 'unit-name': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values['employee-no'] || !values.name) return console.error(USAGE);
  const employeeNo = EmployeeNoSchema.parse(values['employee-no']);
  const password = await askPassword();
  const problem = passwordProblem(password, { employeeNo });
  if (problem) throw new Error(PASSWORD_PROBLEM_TEXT[problem]);
  const { store } = await openStore(configFromEnv().dataDir);
  try {
    if (await store.findAccountByEmployeeNo(employeeNo)) throw new Error(`工号 ${employeeNo} exists already`);
    // A real administrator makes this a real hall for good (and gives a new one its bad-review reasons), so no
    // later start without DEMO can open it as the demo.
    const { notes } = await store.settleServerMode((state) => decideServerMode(state, 'production', null));
    for (const note of notes) if (note.level === 'warn') console.error(note.text);
    const catalog = await store.loadCatalog();
    let unitId = catalog.units[0]?.id;
    if (!unitId) {
      const name = values['unit-name'] ?? '政务服务中心窗口';
      unitId = newId('unit');
      await store.insertUnit({ id: unitId, name: { 'zh-CN': name, en: name, bo: name }, active: true });
    }
    const id = newId('staff');
    await store.insertAccount({
      id, name: values.name, employeeNo, unitId, windowId: null, roles: ['ADMIN'], active: true, photoUpdatedAt: null,
      passwordHash: await hashPassword(password), pinHash: null, mustChangePassword: false, failedSignIns: 0, lockedUntil: null,
    });
    await store.appendAudit({ at: Date.now(), actorId: null, action: 'account.create-admin-cli', targetType: 'staff', targetId: id, detail: { employeeNo }, ip: null });
    console.error(`administrator ${employeeNo} created; sign in at /admin`);
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
