import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import type { RequestHandler } from 'express';

/** Names every server answers to, whatever its configuration. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
/** The machine's addresses can change (a laptop moving between networks): re-read them this often. */
const INTERFACES_TTL_MS = 10_000;

/**
 * The host name of a `Host` header, lower-cased, without its port and IPv6 brackets;
 * null when it is not a plausible host.
 */
export function hostNameOf(header: string): string | null {
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value);
  return plain?.[1]?.replace(/\.$/, '') ?? null;
}

/**
 * Which `Host` headers this server answers. A page on another site can make a browser
 * send requests here under a name the attacker controls and then points at this machine
 * (DNS rebinding): such a request is same-origin for the browser, so the Origin check does
 * not catch it, but its Host is the attacker's name. Only names that mean this server are
 * accepted: loopback, this machine's own addresses, PUBLIC_URL's host and ALLOWED_HOSTS.
 */
export class HostAllowlist {
  private readonly fixed: Set<string>;
  private interfaces: { names: Set<string>; readAt: number } | null = null;

  constructor(
    options: { publicUrl: string | null; allowedHosts: readonly string[] },
    private readonly now: () => number = Date.now,
  ) {
    this.fixed = new Set(LOOPBACK);
    const configured = [...options.allowedHosts];
    if (options.publicUrl) {
      try {
        configured.push(new URL(options.publicUrl).host);
      } catch {
        // A malformed PUBLIC_URL adds nothing: phones could not use it either.
      }
    }
    for (const entry of configured) {
      const name = hostNameOf(entry);
      if (name) this.fixed.add(name);
    }
  }

  /**
   * Whether a request with this `Host` header is for this server. A request without one
   * is not from a browser (every browser sends it), so it cannot be a rebinding attack.
   */
  isAllowed(header: string | undefined): boolean {
    if (header === undefined) return true;
    const name = hostNameOf(header);
    if (name === null) return false;
    return this.fixed.has(name) || this.machineAddresses().has(name);
  }

  /** Express middleware: 421 Misdirected Request for any other Host. */
  readonly middleware: RequestHandler = (req, res, next) => {
    if (this.isAllowed(req.headers.host)) return next();
    res.status(421).json({
      error: { code: 'FORBIDDEN', message: 'This server does not answer to that host name' },
    });
  };

  /** For socket.io's `allowRequest`. */
  allowsRequest(req: IncomingMessage): boolean {
    return this.isAllowed(req.headers.host);
  }

  private machineAddresses(): Set<string> {
    const at = this.now();
    if (!this.interfaces || at - this.interfaces.readAt > INTERFACES_TTL_MS) {
      // The machine's own name too, as phones on the LAN may reach it (`laptop.local`).
      const hostname = os.hostname().toLowerCase();
      const names = new Set<string>([hostname, `${hostname}.local`]);
      for (const addresses of Object.values(os.networkInterfaces())) {
        for (const address of addresses ?? []) {
          // Link-local IPv6 addresses carry a zone (`fe80::1%eth0`) that no Host header has.
          names.add(address.address.toLowerCase().replace(/%.*$/, ''));
        }
      }
      this.interfaces = { names, readAt: at };
    }
    return this.interfaces.names;
  }
}
