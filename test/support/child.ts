import type { ChildProcess } from 'node:child_process';

/** Stops a child process with SIGTERM and resolves with its exit code once it has exited. */
export function stopChild(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
