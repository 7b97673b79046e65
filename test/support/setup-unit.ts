// IndexedDB for Dexie in Node and jsdom: a full in-memory implementation of the spec.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait for a state, never for a time: the 1 s default is a time, and a lazy locale chunk on a busy
// two-core machine took longer than that (issue 10, item 21). A real failure still fails, only later.
configure({ asyncUtilTimeout: 15_000 });
