/** Child processes of the bench: every client, walk and probe runs in a process of its own. */
import { fork, type ChildProcess } from 'node:child_process';

const TSX = import.meta.resolve('tsx');

/** Forks a TypeScript module with an IPC channel, under tsx. */
export function forkTs(script: string, args: readonly string[] = [], execArgv: readonly string[] = [], env: Record<string, string> = {}): ChildProcess {
  return fork(script, [...args], { execArgv: ['--import', TSX, ...execArgv], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`child ${child.spawnargs.join(' ')} exited with ${code ?? signal}`))));
  });
}

/** Runs a module in a fresh process and resolves with the one message it sends before exiting. */
export async function runOnce<T>(script: string, args: readonly string[] = [], execArgv: readonly string[] = [], env: Record<string, string> = {}): Promise<T> {
  const child = forkTs(script, args, execArgv, env);
  let result: T | undefined;
  child.once('message', (message) => (result = message as T));
  await exited(child);
  if (result === undefined) throw new Error(`${script} exited without a result`);
  return result;
}

/**
 * A long-lived child answering one request at a time (`{ id, … }` → `{ id, … }`), so rounds of
 * different clients can be interleaved without paying a process start per round.
 */
export class Worker<Req extends object, Res> {
  readonly #child: ChildProcess;
  readonly #ready: Promise<void>;
  readonly #exit: Promise<void>;
  #nextId = 1;

  constructor(script: string, args: readonly string[] = [], execArgv: readonly string[] = [], env: Record<string, string> = {}) {
    this.#child = forkTs(script, args, execArgv, env);
    this.#exit = exited(this.#child);
    this.#exit.catch(() => undefined);
    this.#ready = new Promise((resolve, reject) => {
      this.#child.once('message', () => resolve());
      this.#exit.then(() => reject(new Error(`${script} exited before it was ready`)), reject);
    });
  }

  /** The worker process (for CPU pinning). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  async request(message: Req): Promise<Res> {
    await this.#ready;
    const id = this.#nextId++;
    return new Promise<Res>((resolve, reject) => {
      const onMessage = (reply: { id: number; error?: string } & Res): void => {
        if (reply.id !== id) return;
        this.#child.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      };
      this.#child.on('message', onMessage);
      this.#exit.then(() => reject(new Error('worker exited')), reject);
      this.#child.send({ ...message, id });
    });
  }

  async close(): Promise<void> {
    this.#child.disconnect();
    await this.#exit.catch(() => undefined);
  }
}

/** The worker side of {@link Worker}: says it is ready, then answers each request in turn. */
export function serve<Req, Res extends object>(handler: (message: Req) => Promise<Res>): void {
  let queue = Promise.resolve();
  process.on('message', (message: Req & { id: number }) => {
    queue = queue.then(async () => {
      try {
        process.send?.({ ...(await handler(message)), id: message.id });
      } catch (error) {
        process.send?.({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}
