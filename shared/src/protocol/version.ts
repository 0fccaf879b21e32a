/** Protocol version; a client speaking another one is told to reload. Kept free of zod so phones can import it cheaply. */
export const PROTOCOL_VERSION = 1;
