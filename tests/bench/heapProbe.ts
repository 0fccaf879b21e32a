/**
 * Test-only probe, preloaded into a benchmarked server (`node --expose-gc --import tsx
 * --import <this file> …`) started with an IPC channel. On the message 'heap' it collects
 * garbage and answers with the heap in use, so the bench can print the heap each idle phone
 * costs. On `{ profile: 'start' | 'stop', name }` it starts or stops a CPU profile of one
 * phase of the bench and, on stop, writes it to `$BENCH_PHASE_PROFILE_DIR/<name>.cpuprofile`
 * and answers `{ profiled: name }`. Nothing in the server knows about it; without a channel
 * it does nothing.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import v8 from 'node:v8';

const send = process.send?.bind(process);
const profileDir = process.env.BENCH_PHASE_PROFILE_DIR;
let inspector: Session | null = null;

function profile(action: unknown, name: unknown): void {
  if (!send || !profileDir || typeof name !== 'string' || !/^[a-z0-9-]{1,40}$/.test(name)) return;
  if (action === 'start') {
    if (!inspector) {
      inspector = new Session();
      inspector.connect();
      inspector.post('Profiler.enable');
    }
    inspector.post('Profiler.start');
    return;
  }
  if (action !== 'stop' || !inspector) return;
  inspector.post('Profiler.stop', (error, result) => {
    if (!error) {
      fs.mkdirSync(profileDir, { recursive: true });
      const file = path.join(profileDir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(result.profile));
    }
    send({ profiled: name });
  });
}

if (send) {
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'profile' in message) {
      const { profile: action, name } = message as { profile: unknown; name: unknown };
      profile(action, name);
      return;
    }
    if (message !== 'heap') return;
    const collect = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass may only promote what a second one frees.
    collect?.();
    collect?.();
    send({ heapUsed: v8.getHeapStatistics().used_heap_size, hasGc: collect !== undefined });
  });
  // The channel must not keep the server alive on its own.
  process.channel?.unref();
}
