/** Answers of a hostile server, for node:http handlers: a body that never ends, one that trickles. */
import type { ServerResponse } from 'node:http';

/** 200 JSON headers, then spaces for as long as the client reads. */
export function endlessBody(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 32);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

/** 200 JSON headers, then one space every 50 ms, never ending. */
export function tricklingBody(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => res.write(' '), 50);
  res.on('close', () => clearInterval(timer));
}
