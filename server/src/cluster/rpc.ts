import type { Redis } from 'ioredis';
import { reportFault } from '../faults/faults.ts';

/** A request from one process to another, on the receiver's own channel. */
interface Request {
  id: number;
  from: string;
  kind: string;
  body: unknown;
}

/** The answer, on the asker's channel. */
interface Reply {
  replyTo: number;
  result?: unknown;
  error?: string;
}

/** How this process answers one kind of request. */
export type RpcHandler = (body: unknown) => Promise<unknown>;

/** Thrown when the other process did not answer in time (dead, paused or unreachable). */
export class NoAnswer extends Error {}

const channel = (processId: string) => `playfield:rpc:${processId}`;

/** However alive the other process seems, a request is given up after this long. */
const MAX_WAIT_MS = 30_000;

/**
 * Requests between cluster processes over Redis pub/sub: each process listens on its own
 * channel; an answer goes back on the asker's. Pub/sub delivers at most once, so a request
 * lost with a dying process is answered by a timeout here, never by a guess: the caller
 * refuses the action it carried, and nothing unacknowledged is counted as stored.
 */
export class Rpc {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  private readonly handlers: ReadonlyMap<string, RpcHandler>;
  private readonly subscriber: Redis;

  /** `handlers`: what this process answers, by kind of request (fixed when built). */
  constructor(
    private readonly publisher: Redis,
    private readonly processId: string,
    private readonly timeoutMs: number,
    handlers: Readonly<Record<string, RpcHandler>>,
  ) {
    this.handlers = new Map(Object.entries(handlers));
    this.subscriber = publisher.duplicate();
    this.subscriber.on('error', (error: unknown) => reportFault('cluster: rpc subscriber', error));
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
  }

  /** Starts taking requests on this process's own channel. */
  async listen(): Promise<void> {
    await this.subscriber.subscribe(channel(this.processId));
  }

  /**
   * Asks another process; rejects with NoAnswer when it has not answered after the timeout
   * and `isAlive` (asked at each timeout) says it is gone. A slow process that still holds
   * what it was asked about is waited for, never asked twice: a request is sent once, so an
   * action is not run twice because its owner was busy.
   */
  call(
    to: string,
    kind: string,
    body: unknown,
    isAlive: () => Promise<boolean> = () => Promise.resolve(false),
  ): Promise<unknown> {
    const id = this.nextId++;
    const request: Request = { id, from: this.processId, kind, body };
    const giveUpAt = Date.now() + MAX_WAIT_MS;
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        const waiting = this.waiting.get(id);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        this.waiting.delete(id);
        reject(new NoAnswer(why));
      };
      const arm = (): NodeJS.Timeout =>
        setTimeout(() => {
          void isAlive().then(
            (alive) => {
              const waiting = this.waiting.get(id);
              if (!waiting) return;
              if (alive && Date.now() < giveUpAt) waiting.timer = arm();
              else fail(`${to} did not answer ${kind}`);
            },
            () => fail(`${to} did not answer ${kind}`),
          );
        }, this.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer: arm() });
      this.publisher
        .publish(channel(to), JSON.stringify(request))
        .catch((error: unknown) => fail(String(error)));
    });
  }

  /** Tells another process something, without waiting for an answer. */
  tell(to: string, kind: string, body: unknown): void {
    const request: Request = { id: 0, from: this.processId, kind, body };
    this.publisher
      .publish(channel(to), JSON.stringify(request))
      .catch((error: unknown) => reportFault('cluster: rpc tell', error));
  }

  private receive(message: string): void {
    let parsed: Partial<Request & Reply>;
    try {
      parsed = JSON.parse(message) as Partial<Request & Reply>;
    } catch (error) {
      reportFault('cluster: rpc message', error);
      return;
    }
    if (typeof parsed.replyTo === 'number') {
      const waiting = this.waiting.get(parsed.replyTo);
      if (!waiting) return;
      this.waiting.delete(parsed.replyTo);
      clearTimeout(waiting.timer);
      if (parsed.error !== undefined) waiting.reject(new Error(parsed.error));
      else waiting.resolve(parsed.result);
      return;
    }
    const { id, from, kind } = parsed;
    const handler = typeof kind === 'string' ? this.handlers.get(kind) : undefined;
    if (!handler || typeof from !== 'string' || typeof id !== 'number') return;
    void handler(parsed.body).then(
      (result) => this.answer(from, { replyTo: id, result }),
      (error: unknown) => {
        reportFault(`cluster: rpc ${kind}`, error);
        this.answer(from, { replyTo: id, error: 'failed' });
      },
    );
  }

  private answer(to: string, reply: Reply): void {
    if (reply.replyTo === 0) return;
    this.publisher
      .publish(channel(to), JSON.stringify(reply))
      .catch((error: unknown) => reportFault('cluster: rpc answer', error));
  }

  async close(): Promise<void> {
    for (const { timer, reject } of this.waiting.values()) {
      clearTimeout(timer);
      reject(new NoAnswer('closing'));
    }
    this.waiting.clear();
    await this.subscriber.quit().catch(() => undefined);
  }
}
