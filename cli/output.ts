/**
 * Where results go. stdout carries data only — a table, `--json` (one JSON document) or
 * `--ndjson` (one JSON value per line) — and stderr carries notes, warnings, progress and
 * errors, so `opsmerge … --json | jq` never sees anything but JSON.
 */
import Table from 'cli-table3';

/** A stream the CLI writes to. */
export interface Sink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The output format. */
export type Format = 'table' | 'json' | 'ndjson';

/** A table column: the field it shows and its heading. */
export interface Column {
  readonly key: string;
  readonly heading: string;
  /** Computes the cell from the row; by default the row's `key` field. */
  readonly value?: (row: Record<string, unknown>) => unknown;
}

// Labels people recognise a row by, in order of preference, shown right after `id`.
const LABELS = ['name', 'hostname', 'title', 'summary', 'subject', 'email', 'number', 'sku'];
const MAX_COLUMNS = 7;
const MAX_CELL = 40;

/** Control characters (and C1) in API data must not reach the terminal as escapes. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A value as table text: `-` for null, lists comma-joined, objects as compact JSON. */
export function cellText(value: unknown, max = Number.POSITIVE_INFINITY): string {
  let text: string;
  if (value === null || value === undefined) text = '-';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value) && value.every((v) => isScalar(v))) text = value.length === 0 ? '-' : value.map(String).join(', ');
  else text = JSON.stringify(value);
  text = printable(text);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** Picks up to seven readable columns from the rows: `id`, a label, `status`, then other short fields. */
export function pickColumns(rows: readonly Record<string, unknown>[]): Column[] {
  const first = rows[0];
  if (!first) return [];
  const keys = Object.keys(first).filter((key) => rows.every((row) => isScalar(row[key]) || row[key] === undefined || (Array.isArray(row[key]) && (row[key] as unknown[]).every(isScalar))));
  const short = keys.filter((key) => rows.every((row) => typeof row[key] !== 'string' || (row[key] as string).length <= 80));
  const ordered = [
    ...(keys.includes('id') ? ['id'] : []),
    ...LABELS.filter((k) => keys.includes(k)).slice(0, 1),
    ...(keys.includes('status') ? ['status'] : []),
  ];
  for (const key of short) if (!ordered.includes(key)) ordered.push(key);
  return ordered.slice(0, MAX_COLUMNS).map((key) => ({ key, heading: key.toUpperCase() }));
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '   ',
};

/** Writes results in the chosen format. */
export class Output {
  readonly format: Format;
  readonly #stdout: Sink;
  readonly #stderr: Sink;
  readonly #color: boolean;
  readonly #scrub: (text: string) => string;

  constructor(options: { stdout: Sink; stderr: Sink; format: Format; color: boolean; scrub?: (text: string) => string }) {
    this.format = options.format;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.#color = options.color;
    this.#scrub = options.scrub ?? ((text) => text);
  }

  /** True for `--json` and `--ndjson`. */
  get machine(): boolean {
    return this.format !== 'table';
  }

  /** One JSON document (`--json`, pretty) or one line (`--ndjson`). */
  json(value: unknown): void {
    this.#stdout.write(this.format === 'ndjson' ? `${JSON.stringify(value)}\n` : `${JSON.stringify(value, null, 2)}\n`);
  }

  /** A line of text on stdout. */
  line(text = ''): void {
    this.#stdout.write(`${text}\n`);
  }

  /** A note on stderr (never data). */
  note(text: string): void {
    this.#stderr.write(`${this.#scrub(text)}\n`);
  }

  /** Rows as a borderless table with a heading line. */
  table(rows: readonly Record<string, unknown>[], columns: readonly Column[] = pickColumns(rows)): void {
    if (rows.length === 0 || columns.length === 0) return;
    const table = new Table({
      head: columns.map((c) => c.heading),
      chars: BORDERLESS,
      style: { head: this.#color ? ['bold'] : [], border: [], 'padding-left': 0, 'padding-right': 0 },
    });
    for (const row of rows) table.push(columns.map((c) => cellText(c.value ? c.value(row) : row[c.key], MAX_CELL)));
    this.#stdout.write(`${trimLines(table.toString())}\n`);
  }

  /** One record as `field  value` lines; nested values as compact JSON. */
  record(entries: ReadonlyArray<readonly [string, unknown]>): void {
    const table = new Table({ chars: BORDERLESS, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 } });
    for (const [label, value] of entries) table.push([this.#color ? `\u001b[1m${label}\u001b[22m` : label, cellText(value)]);
    this.#stdout.write(`${trimLines(table.toString())}\n`);
  }
}

function trimLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
