import { config } from 'zod';

// Our Content-Security-Policy forbids eval, so zod must not compile parsers with
// `new Function` (nor probe for it, which the browser reports as a violation). zod decides
// when each schema is built, so this module is imported before anything that builds the
// shared schemas: import it first wherever the client uses shared values that need zod.
config({ jitless: true });
