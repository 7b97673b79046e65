import { openStore } from '../../sync-server/store/open-store';
import { tempDir } from '../support/server';
import { describeStoreContract } from './store-contract';

// A new data folder per test: the store made by the numbered migrations, with its own contact key.
describeStoreContract('sqlite', async () => (await openStore(tempDir('contract'), {})).store);
