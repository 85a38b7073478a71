/**
 * A one-line progress bar for list walks, drawn on stderr with `\r` — only when stderr is a
 * terminal, so logs and pipes never collect escape codes. A few lines of our own rather
 * than a dependency: the walk knows `total` from the first page, which is all a bar needs.
 */
import type { Sink } from './output.js';

/** A bar that can be redrawn and cleared. */
export interface Progress {
  /** Redraws the bar at `done` of `total`. */
  update(done: number, total: number): void;
  /** Erases the bar (before other output, and at the end). */
  clear(): void;
}

const CLEAR_LINE = '\r\u001b[2K';

/** Renders `[#######-------]  120/400 agents` to fit `width` columns. */
export function renderBar(done: number, total: number, label: string, width: number): string {
  const safeTotal = Math.max(total, done, 1);
  const counter = ` ${done}/${total} ${label}`;
  const barWidth = Math.max(10, Math.min(40, width - counter.length - 3));
  const filled = Math.min(barWidth, Math.round((done / safeTotal) * barWidth));
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${counter}`;
}

/** A progress bar on `stream`, or undefined when `stream` is not a terminal. */
export function createProgress(stream: Sink, label: string): Progress | undefined {
  if (stream.isTTY !== true) return undefined;
  let drawn = false;
  return {
    update(done, total) {
      stream.write(`${CLEAR_LINE}${renderBar(done, total, label, stream.columns ?? 80)}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
