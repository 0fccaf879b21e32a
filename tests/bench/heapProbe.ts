/**
 * Test-only heap hook, preloaded into a benchmarked server (`node --expose-gc --import
 * tsx --import <this file> …`) started with an IPC channel: on the message 'heap' it
 * collects garbage and answers with the heap in use, so the bench can print the heap each
 * idle phone costs. Nothing in the server knows about it; without a channel it does nothing.
 */
import v8 from 'node:v8';

const send = process.send?.bind(process);
if (send) {
  process.on('message', (message: unknown) => {
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
