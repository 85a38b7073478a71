import type { ChildProcess } from 'node:child_process';

/** Stops a child process with SIGTERM and resolves with its exit code once it has exited (null: killed by the signal). */
export function stopChild(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/**
 * Runs `body` against a running child, then stops it with SIGTERM and resolves with its exit code.
 * When `body` fails, the child is still stopped and `body`'s error is the one thrown, so a
 * failed assertion is never hidden behind the exit code of a child stopped early.
 */
export async function withChild(child: ChildProcess, body: () => Promise<void>): Promise<number | null> {
  try {
    await body();
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return stopChild(child);
}
