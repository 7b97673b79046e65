import os from 'node:os';

/**
 * Who ran a command-line tool, for its audit entry: the operating-system account (USER can be set to anything),
 * the variable only if that fails. The tools run beside the server with no signed-in person.
 */
export function operatingSystemUser(): string | null {
  try {
    const { username, uid } = os.userInfo();
    return `${username} (uid ${uid})`;
  } catch {
    return process.env.USER ?? null;
  }
}
