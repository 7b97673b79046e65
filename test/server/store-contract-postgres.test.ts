import { afterAll } from 'vitest';
import { dropTestSchemas, openTestPgStore } from '../support/postgres';
import { describeStoreContract } from './store-contract';

// A new schema per test on the machine's PostgreSQL: the store made by its numbered migrations, with its own key.
describeStoreContract('postgres', () => openTestPgStore());
afterAll(dropTestSchemas);
