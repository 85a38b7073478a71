/** What the bench tells its server process over IPC, and what the server answers. */

export interface ServerConfig {
  /** Items in `/v1/agents`. */
  listTotal: number;
  /** Delay before each list page is answered. */
  pageLatencyMs: number;
  /** The enforced budget. `null` means the production-like default of a generous budget. */
  rateLimit: { limit: number; windowMs: number } | null;
}

export interface ServerStats {
  requests: number;
  /** TCP connections opened since the last reset. */
  connections: number;
  byStatus: Record<number, number>;
  /** Epoch ms of the first request since the last reset. */
  firstRequestAt: number | undefined;
  /** Requests accepted per window, `[windowStart epoch ms, count]`, in order. */
  windows: [number, number][];
  windowMs: number;
}

export type ControlMessage = { id: number } & ({ type: 'configure'; config: ServerConfig } | { type: 'reset' } | { type: 'stats' });
export type ServerMessage = { type: 'listening'; port: number } | { type: 'ack'; id: number; stats?: ServerStats };

/** No enforced limit in practice, but realistic headers: 10 M per minute. */
export const GENEROUS_LIMIT = { limit: 10_000_000, windowMs: 60_000 };
