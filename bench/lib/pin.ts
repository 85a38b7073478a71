/**
 * CPU pinning for the overhead section, with `taskset` (Linux, util-linux) where it works.
 * On a two-CPU machine the scheduler otherwise moves the client and the server between the
 * CPUs, and where they land changed one client's CPU per request by 25–35 µs from process to
 * process (measured: the same client, pacing on and off, differed by that much unpinned and not
 * at all pinned). Pinned, every client runs on one CPU and the server on the other.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** The CPU for the server and the one for the clients, or undefined when pinning cannot work here. */
export function pinningPlan(): { server: number; clients: number } | undefined {
  if (process.platform !== 'linux' || availableParallelism() < 2) return undefined;
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  return probe.status === 0 ? { server: 0, clients: 1 } : undefined;
}

/** Pins every thread of a process to the given CPUs (`"1"`, `"0-3"`); false when taskset refused. */
export function pin(pid: number | undefined, cpus: string): boolean {
  if (pid === undefined) return false;
  return spawnSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' }).status === 0;
}

/** Every CPU of this machine, for undoing a pin. */
export function allCpus(): string {
  return `0-${availableParallelism() - 1}`;
}
