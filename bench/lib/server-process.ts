/** Starts the bench's API server in its own process and controls it over IPC. */
import { fileURLToPath } from 'node:url';
import type { ControlMessage, ServerConfig, ServerMessage, ServerStats } from '../server/protocol.js';
import { forkTs } from './child.js';

const SCRIPT = fileURLToPath(new URL('../server/server.ts', import.meta.url));

type Command = { type: 'configure'; config: ServerConfig } | { type: 'reset' } | { type: 'stats' };

export interface BenchServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The server process (for CPU pinning). */
  readonly pid: number | undefined;
  configure(config: ServerConfig): Promise<void>;
  reset(): Promise<void>;
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const child = forkTs(SCRIPT);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
    child.once('message', (m: ServerMessage) => (m.type === 'listening' ? resolve(m.port) : reject(new Error('unexpected message'))));
  });
  let nextId = 1;
  const call = (command: Command): Promise<ServerStats | undefined> => {
    const id = nextId++;
    return new Promise((resolve) => {
      const onMessage = (m: ServerMessage): void => {
        if (m.type !== 'ack' || m.id !== id) return;
        child.off('message', onMessage);
        resolve(m.stats);
      };
      child.on('message', onMessage);
      child.send({ ...command, id } satisfies ControlMessage);
    });
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    configure: async (config) => void (await call({ type: 'configure', config })),
    reset: async () => void (await call({ type: 'reset' })),
    stats: async () => (await call({ type: 'stats' })) as ServerStats,
    close: async () => {
      child.removeAllListeners('exit');
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await gone;
    },
  };
}
