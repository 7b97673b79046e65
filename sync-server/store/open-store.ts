import { ContactCipher } from '../crypto/contact-cipher';
import { loadContactKey, type LoadedKey } from '../crypto/contact-key';
import { openSqliteStore } from './sqlite/open-sqlite';
import type { Store } from './store';

export interface OpenedStore {
  store: Store;
  key: LoadedKey;
}

/** The embedded SQLite store under dataDir, with the contact key from the environment or the data folder. */
export function openStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): OpenedStore {
  const key = loadContactKey(dataDir, env);
  return { store: openSqliteStore(dataDir, new ContactCipher(key.key)), key };
}
