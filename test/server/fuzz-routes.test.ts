import { describeRouteFuzz } from '../support/fuzz-suite';

// FUZZ_SEED=<seed> FUZZ_ONLY=<case> replays one failing case (see test/support/fuzz-suite.ts).
describeRouteFuzz('sqlite');
