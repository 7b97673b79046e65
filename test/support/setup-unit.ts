// IndexedDB for Dexie in Node and jsdom: a full in-memory implementation of the spec.
import 'fake-indexeddb/auto';
