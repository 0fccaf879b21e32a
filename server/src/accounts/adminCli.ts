/**
 * `npm run admin -- reset-password <email>`: prints a one-time reset link (valid for an
 * hour) for a facilitator who forgot their password, on a server without email. Runs
 * against the same storage as the server (DATA_DIR or DATABASE_URL); the server may be
 * running meanwhile.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig, type ServerConfig } from '../config.ts';
import { Repository } from '../store/repository.ts';
import { AccountRepository } from './accountRepository.ts';
import { AccountService } from './accountService.ts';
import type { AccountTables } from './migration.ts';
import { resetLink } from './resetMail.ts';
import { emailSchema } from './schemas.ts';
import { SignInLimiter } from './signInLimiter.ts';

const USAGE = 'Usage: npm run admin -- reset-password <email>';

/** Runs one admin command; returns the exit code and what to print. */
export async function runAdmin(
  args: readonly string[],
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'publicUrl' | 'port'>,
): Promise<{ code: number; output: string }> {
  const [command, address] = args;
  if (command !== 'reset-password' || address === undefined) return { code: 2, output: USAGE };
  const email = emailSchema.safeParse(address);
  if (!email.success) return { code: 2, output: `Not an email address: ${address}\n${USAGE}` };
  const repository = await Repository.open(config);
  try {
    const service = new AccountService(
      new AccountRepository(repository.tablesOf<AccountTables>()),
      new SignInLimiter(1, 1),
    );
    const token = await service.createReset(email.data);
    if (!token) return { code: 1, output: `No account has the address ${email.data}` };
    const origin = config.publicUrl ?? `http://localhost:${config.port}`;
    return {
      code: 0,
      output: [
        `Reset link for ${email.data} (works once, for one hour):`,
        resetLink(origin, token),
        `Token: ${token}`,
      ].join('\n'),
    };
  } finally {
    await repository.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAdmin(process.argv.slice(2), loadConfig()).then(
    ({ code, output }) => {
      (code === 0 ? console.log : console.error)(output);
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
