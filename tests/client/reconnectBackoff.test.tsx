import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reconnectDelayMs, retryRefusedHandshakes } from '../../client/src/realtime/link.ts';

/**
 * A stand-in for a socket.io-client socket as the retry sees it: a handshake refused by the
 * server's middleware leaves it inactive (socket.io will not reconnect it by itself).
 */
class FakeSocket extends EventEmitter {
  active = true;
  connected = false;
  opens = 0;

  connect(): this {
    this.opens++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.active = false;
    this.connected = false;
    return this;
  }

  /** The server refused the handshake with `code`. */
  refuse(code: string | undefined): void {
    this.active = false;
    this.connected = false;
    this.emit(
      'connect_error',
      Object.assign(new Error('Refused'), code === undefined ? {} : { data: { code } }),
    );
  }

  accept(): void {
    this.connected = true;
    this.emit('connect');
  }
}

const asSocket = (fake: FakeSocket) => fake as unknown as Socket;

afterEach(() => {
  vi.useRealTimers();
});

describe('the pause before a refused handshake is tried again', () => {
  it('doubles from half a second to a cap of 5 s, jittered between 0.5x and 1.5x', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect(reconnectDelayMs(0, low)).toBe(250);
    expect(reconnectDelayMs(0, high)).toBeCloseTo(750, 0);
    expect(reconnectDelayMs(1, low)).toBe(500);
    expect(reconnectDelayMs(2, low)).toBe(1_000);
    expect(reconnectDelayMs(3, low)).toBe(2_000);
    expect(reconnectDelayMs(4, low)).toBe(2_500);
    expect(reconnectDelayMs(20, low)).toBe(2_500);
    expect(reconnectDelayMs(20, high)).toBeCloseTo(7_500, 0);
  });

  it('spreads a room of phones refused together over the whole window', () => {
    const delays = Array.from({ length: 1_000 }, () => reconnectDelayMs(2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...delays)).toBeLessThan(3_000);
    // Not bunched: both halves of the window are used about equally.
    const early = delays.filter((d) => d < 2_000).length;
    expect(early).toBeGreaterThan(350);
    expect(early).toBeLessThan(650);
  });
});

describe('a socket whose handshake was refused', () => {
  it('is opened again after each BUSY, with growing pauses, until it is admitted', () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    const asked: number[] = [];
    retryRefusedHandshakes(asSocket(socket), (attempt) => {
      asked.push(attempt);
      return 100 * (attempt + 1);
    });
    socket.refuse('BUSY');
    vi.advanceTimersByTime(99);
    expect(socket.opens).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.opens).toBe(1);
    socket.refuse('BUSY');
    vi.advanceTimersByTime(200);
    expect(socket.opens).toBe(2);
    socket.accept();
    expect(asked).toEqual([0, 1]);

    // Admitted, the count starts again: a later refusal waits the shortest pause.
    socket.refuse('BUSY');
    vi.advanceTimersByTime(100);
    expect(socket.opens).toBe(3);
    expect(asked).toEqual([0, 1, 0]);
  });

  it('is left to socket.io while it is still reconnecting by itself', () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    retryRefusedHandshakes(asSocket(socket), () => 100);
    socket.emit('connect_error', new Error('xhr poll error'));
    vi.advanceTimersByTime(1_000);
    expect(socket.opens).toBe(0);
  });

  it('gives up on a final refusal, and when the page closes it meanwhile', () => {
    vi.useFakeTimers();
    const revoked = new FakeSocket();
    retryRefusedHandshakes(asSocket(revoked), () => 100);
    revoked.refuse('UNAUTHORIZED');
    vi.advanceTimersByTime(1_000);
    expect(revoked.opens).toBe(0);

    const closed = new FakeSocket();
    retryRefusedHandshakes(asSocket(closed), () => 100);
    closed.refuse('BUSY');
    asSocket(closed).disconnect();
    vi.advanceTimersByTime(1_000);
    expect(closed.opens).toBe(0);

    // Opened again by the page (back from the lock screen), it retries once more.
    asSocket(closed).connect();
    closed.refuse('BUSY');
    vi.advanceTimersByTime(100);
    expect(closed.opens).toBe(2);
  });
});
