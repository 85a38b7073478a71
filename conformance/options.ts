/**
 * The command-line values of a conformance run, parsed: `--budget 20` or `--budget 90s`,
 * `--seed N`, `--report junit:PATH` / `--report json:PATH`, `--check NAME`. Each parser throws a
 * `RangeError` naming what was wrong and what is accepted.
 */
import { CHECK_NAMES, isCheckName, type CheckName } from './checks/names.js';
import type { Budget } from './run/context.js';

/** The most cases per operation and kind a budget may ask for. */
export const MAX_BUDGET_CASES = 10_000;
/** The longest time budget, in seconds (a day). */
export const MAX_BUDGET_SECONDS = 86_400;

/** `20` → 20 cases per operation and kind; `90s` (or `90 s`, `2m`) → a time budget. */
export function parseBudget(text: string): Budget {
  const m = /^\s*(\d{1,6})\s*(s|m)?\s*$/i.exec(text);
  if (!m) throw new RangeError(`--budget must be a number of cases per operation (e.g. 20) or a time (e.g. 90s, 5m), got ${JSON.stringify(text)}`);
  const n = Number(m[1]);
  if (m[2] === undefined) {
    if (n < 1 || n > MAX_BUDGET_CASES) throw new RangeError(`--budget must be 1–${MAX_BUDGET_CASES} cases per operation, got ${n}`);
    return { kind: 'cases', cases: n };
  }
  const seconds = m[2].toLowerCase() === 'm' ? n * 60 : n;
  if (seconds < 1 || seconds > MAX_BUDGET_SECONDS) throw new RangeError(`--budget must be 1 s to ${MAX_BUDGET_SECONDS / 3600} h, got ${text.trim()}`);
  return { kind: 'time', seconds };
}

/** The longest `--timeout`: 10 minutes. */
export const MAX_REQUEST_TIMEOUT_MS = 600_000;

/** `--timeout`: a wait for one answer in seconds (`30`, `30s`), minutes (`2m`) or milliseconds (`500ms`); 100 ms to 10 min. */
export function parseRequestTimeout(text: string): number {
  const m = /^\s*(\d{1,6})\s*(ms|s|m)?\s*$/i.exec(text);
  if (!m) throw new RangeError(`--timeout must be a time for one answer, e.g. 30s, 2m or 500ms, got ${JSON.stringify(text)}`);
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = Number(m[1]) * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000);
  if (ms < 100 || ms > MAX_REQUEST_TIMEOUT_MS) throw new RangeError(`--timeout must be 100 ms to ${MAX_REQUEST_TIMEOUT_MS / 60_000} min, got ${text.trim()}`);
  return ms;
}

/** A seed: a whole number 0 – 2^31−1. */
export function parseSeed(text: string): number {
  if (!/^\s*\d{1,10}\s*$/.test(text) || Number(text) > 2 ** 31 - 1) throw new RangeError(`--seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Where a report goes. */
export interface ReportTarget {
  readonly format: 'junit' | 'json';
  readonly path: string;
}

/** `junit:reports/conformance.xml` or `json:conformance.json`. */
export function parseReportTarget(text: string): ReportTarget {
  const m = /^(junit|json):(.+)$/.exec(text);
  if (!m || m[2]!.trim() === '') throw new RangeError(`--report must be junit:PATH or json:PATH, got ${JSON.stringify(text)}`);
  return { format: m[1] as ReportTarget['format'], path: m[2]! };
}

/** A check's name. */
export function parseCheck(text: string): CheckName {
  if (!isCheckName(text)) throw new RangeError(`--check must name a check (${CHECK_NAMES.join(', ')}), got ${JSON.stringify(text)}`);
  return text;
}
