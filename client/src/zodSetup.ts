/**
 * Our Content-Security-Policy forbids eval, so zod must not compile parsers with
 * `new Function`, nor probe for it: the browser reports the caught probe as a violation.
 *
 * zod reads `jitless` when each object schema is built, and the bundler decides in which
 * chunk, and so in which order, `config({ jitless: true })` and the shared schemas run: a
 * `config()` call beside the schemas came after them (the action-plan round's chunk probed
 * on every phone). zod keeps its settings on `globalThis.__zod_globalConfig` and creates it
 * only when absent, so this module sets it without importing zod (the phone's entry stays
 * free of zod): `main.tsx` imports it first, before any chunk can load zod. It mutates the
 * object if zod got there first (tests), so either order ends jitless.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
