import type { Logger, LogLevel } from '../options.js';
import { readEnv } from './env.js';
import { redactSecrets } from './redact.js';

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Remembers the credentials in use so every log line can be scrubbed of them. */
export class SecretRegistry {
  #secrets = new Set<string>();
  add(secret: string): void {
    if (!secret) return;
    this.#secrets.add(secret);
    // Keep the set small: a long-running client rotates keys and refreshes tokens.
    if (this.#secrets.size > 16) this.#secrets.delete(this.#secrets.values().next().value as string);
  }
  scrub(text: string): string {
    return redactSecrets(text, [...this.#secrets]);
  }
  toJSON(): string {
    return `[${this.#secrets.size} secrets]`;
  }
}

/**
 * Logs belong on stderr, not mixed into a program's output: in Node, `console.info` and
 * `console.debug` write to stdout, so every level goes through `console.error`/`warn` there.
 */
function defaultLogger(): Logger {
  const hasProcess = typeof (globalThis as { process?: unknown }).process === 'object';
  if (!hasProcess) return console;
  return { error: console.error, warn: console.warn, info: console.error, debug: console.error };
}

/** The logger the policies use: level-filtered, every line scrubbed of secrets. */
export class InternalLogger {
  readonly #logger: Logger;
  readonly #level: number;
  readonly #secrets: SecretRegistry;

  constructor(logger: Logger | undefined, level: LogLevel | undefined, secrets: SecretRegistry) {
    this.#logger = logger ?? defaultLogger();
    const fromEnv = readEnv('OPSMERGE_LOG') as LogLevel | undefined;
    const chosen = level ?? (fromEnv && Object.hasOwn(LEVELS, fromEnv) ? fromEnv : 'warn');
    this.#level = LEVELS[chosen] ?? LEVELS.warn;
    this.#secrets = secrets;
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return LEVELS[level] <= this.#level;
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.#write('error', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.#write('warn', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.#write('info', message, fields);
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.#write('debug', message, fields);
  }

  #write(level: Exclude<LogLevel, 'off'>, message: string, fields?: Record<string, unknown>): void {
    if (!this.enabled(level)) return;
    const text = this.#secrets.scrub(`[opsmerge] ${message}`);
    try {
      if (fields === undefined) this.#logger[level](text);
      else this.#logger[level](text, JSON.parse(this.#secrets.scrub(JSON.stringify(fields))) as Record<string, unknown>);
    } catch {
      // A logger that throws must not fail the call it reports on (its request may be sent).
    }
  }
}
