import type { Logger, LogLevel } from '../options.js';
import { readEnv } from './env.js';
import { redactSecrets, redactUrlsInText } from './redact.js';
import { safeJson } from './safe-json.js';
import { SecretIndex } from './secret-index.js';
import { knownSecrets, rememberSecret } from './secrets.js';

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/**
 * A client's credentials, so its log lines and errors are scrubbed of them: each is also
 * remembered process-wide (src/internal/secrets.ts), which is what errors are scrubbed with;
 * the client's own most recent ones are kept here too, so its log lines never depend on how
 * many other clients the process runs.
 */
export class SecretRegistry {
  // Small: a long-running client rotates keys and refreshes tokens.
  readonly #own = new SecretIndex(16);
  add(secret: string): void {
    if (!secret) return;
    this.#own.add(secret);
    rememberSecret(secret);
  }
  scrub(text: string): string {
    return redactSecrets(text, [this.#own, knownSecrets]);
  }
  toJSON(): string {
    return `[${this.#own.size} secrets]`;
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
    // Secrets out, and the query parameters of any URL through the allow-list.
    const scrub = (text: string): string => this.#secrets.scrub(redactUrlsInText(text));
    const text = scrub(`[opsmerge] ${message}`);
    try {
      // A bounded, scrubbed copy: a field that cannot be serialised (a BigInt, a cycle) never
      // makes a log call throw.
      if (fields === undefined) this.#logger[level](text);
      else this.#logger[level](text, safeJson(fields, scrub) as Record<string, unknown>);
    } catch {
      // A logger that throws must not fail the call it reports on (its request may be sent).
    }
  }
}
