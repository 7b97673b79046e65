import { describe } from 'vitest';
import { casesContract } from './store-contract/cases';
import { catalogContract } from './store-contract/catalog';
import { commentPublicationsContract } from './store-contract/comment-publications';
import type { MakeStore } from './store-contract/fixture';
import { peopleContract } from './store-contract/people';
import { ratingsContract } from './store-contract/ratings';
import { serviceCasesContract } from './store-contract/service-cases';

export type { MakeStore } from './store-contract/fixture';

/**
 * What every store adapter must do alike, whatever it stores in: the SQLite store passes it
 * (store-contract-sqlite.test.ts); another adapter adds one test file calling this with its own `makeStore`.
 * Business rules (which ratings open a case, which writes move the catalogue version) live above the store in
 * sync-server/store/rules/: the suite checks that the store does what it is told, and the version contract.
 */
export function describeStoreContract(name: string, makeStore: MakeStore) {
  describe(`store contract: ${name}`, () => {
    describe('ratings, paper forms and photos', () => ratingsContract(makeStore));
    describe('cases, events and calendar', () => casesContract(makeStore));
    describe('catalogue and its version', () => catalogContract(makeStore));
    describe('accounts, devices, audit, settings, grants', () => peopleContract(makeStore));
    describe('办件 (service cases) and business-system tokens', () => serviceCasesContract(makeStore));
    describe('comments for /public and their decisions', () => commentPublicationsContract(makeStore));
  });
}
