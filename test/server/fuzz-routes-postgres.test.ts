import { describeRouteFuzz } from '../support/fuzz-suite';

// The same 10,000 requests on the PostgreSQL store: its own errors (text it cannot hold, types) must not be 500s.
describeRouteFuzz('postgres');
