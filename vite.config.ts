import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { CLIENT_FILES_WITH_MODULE_MOCKS } from './tests/client/moduleMocks.ts';
import LaneSequencer from './tests/e2e/lanes.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const serverUrl = `http://localhost:${process.env.PORT ?? 3000}`;
/**
 * Password hashes at scrypt N = 2^10 in tests, a 32nd of production's work: the suite signs
 * up and in hundreds of times. Only a Vitest run honours it; accountsPasswords.test.ts checks
 * the production cost (server/src/accounts/passwords.ts).
 */
const testEnv = {
  PLAYFIELD_TEST_SCRYPT_COST_LOG2: process.env.PLAYFIELD_TEST_SCRYPT_COST_LOG2 ?? '10',
};

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // tests/bench reads the manifest to measure what a phone downloads.
    manifest: true,
    // The participant path must stay small: the console, screen and home are split off.
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` runs the API on PORT; the Vite dev server proxies to it.
    proxy: {
      '/api': serverUrl,
      '/healthz': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
  test: {
    root,
    // `--shard=i/3` gives each of npm test's lanes browser files by their weight (lanes.ts).
    sequence: { sequencer: LaneSequencer },
    projects: [
      {
        test: {
          name: 'shared',
          root,
          include: ['tests/shared/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'server',
          root,
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          env: testEnv,
          // Generous for the same reason: a test that starts and kills child servers waits for
          // CPU while the browser shards run; a passing test never waits for its limit.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One module graph for all files, as the client's: a third less CPU. Every file starts
          // its own server on a free port with its own data; none mocks a module.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          root,
          include: ['tests/client/**/*.test.tsx'],
          exclude: CLIENT_FILES_WITH_MODULE_MOCKS,
          environment: 'jsdom',
          // One jsdom and one module graph for all these files: less than half the CPU of a
          // fresh environment per file. setup.ts unmounts and clears storage after each test.
          isolate: false,
          // npm test runs three lanes on two cores: a render may wait its turn.
          testTimeout: 30_000,
          setupFiles: ['tests/client/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // vi.mock replaces a module for the whole module graph, so these files get their own.
          name: 'client-mocks',
          root,
          include: CLIENT_FILES_WITH_MODULE_MOCKS,
          environment: 'jsdom',
          testTimeout: 30_000,
          setupFiles: ['tests/client/setup.ts'],
        },
      },
      {
        test: {
          // Three processes over Redis and PostgreSQL; skips (and says so) without both.
          name: 'cluster',
          root,
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          env: testEnv,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          env: testEnv,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: two cores run the server and Chromium already.
          fileParallelism: false,
          // One process and module graph for a lane's browser files, as the server tests: each
          // file still starts its own server and browser contexts (on the lane's Chromium, see
          // useBrowserRun), and none mocks a module. A fresh process per file cost 3.9 s of CPU
          // more per file (six small files: 58 s, not 35).
          isolate: false,
        },
      },
    ],
  },
});
