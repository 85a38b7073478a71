/**
 * Sample arguments that work against the sandbox's seeded data. A sample names records by id
 * (`client.agents.get('agt_01HZX4C9P2')`, a body's `client_id`, an event's `dedup_key`); the
 * spec's example ids are kept when the seeded mock holds them, and otherwise replaced by ids
 * (or values) of seeded records, trying the first records, then the second ones…, until the
 * call succeeds and leaves the caller's key working; optional body fields the sandbox refuses
 * are left out. The same arguments fill the try-it panel, which runs the same seeded mock.
 */
import type { OperationInfo } from '@opsmerge/sdk';
import type { SampleArgs } from './samples.js';

/** What a call against a fresh seeded mock gave. */
export interface ProbeResult {
  /** It succeeded, and the caller's key still works. */
  readonly ok: boolean;
  /** For a 422: the body's invalid fields, as JSON pointers (`/values/escalate_after_minutes`). */
  readonly invalid: readonly string[];
}

/** Makes a call against a fresh seeded mock. */
export type Probe = (op: OperationInfo, args: SampleArgs) => Promise<ProbeResult>;

/** Values the seeded data holds. */
export interface SeededValues {
  /** Ids of the records whose id has this prefix (`agt`), in the store's order. */
  ids(prefix: string): readonly string[];
  /** Values of a field (`dedup_key`) across the records, in the store's order. */
  values(field: string): readonly string[];
}

/** One value of a sample that names a record. */
export interface Slot {
  readonly where: 'path' | 'body';
  readonly key: string;
  readonly value: string;
  /** The body field is a list of such values (`agent_ids`); a replacement is a list of one. */
  readonly list?: boolean;
}

const ID = /^([a-z]+)_[0-9A-Za-z]{6,}$/;
/** Body fields that name a record by something other than its id. */
const KEY_FIELDS = new Set(['dedup_key', 'user_principal_name']);

/** The values of `args` that name records: path values, and the body's top-level ids, lists of ids and keys. */
export function slotsOf(args: SampleArgs): Slot[] {
  const slots: Slot[] = Object.entries(args.path)
    .filter(([, value]) => ID.test(value))
    .map(([key, value]) => ({ where: 'path', key, value }));
  if (args.body && typeof args.body === 'object' && !Array.isArray(args.body)) {
    for (const [key, value] of Object.entries(args.body as Record<string, unknown>)) {
      if (typeof value === 'string' && (ID.test(value) || KEY_FIELDS.has(key))) slots.push({ where: 'body', key, value });
      else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && ID.test(v))) slots.push({ where: 'body', key, value: value[0] as string, list: true });
    }
  }
  return slots;
}

/** `args` with each slot's value replaced. */
export function withValues(args: SampleArgs, slots: readonly Slot[], values: readonly string[]): SampleArgs {
  const path = { ...args.path };
  const body = args.body && typeof args.body === 'object' ? { ...(args.body as Record<string, unknown>) } : args.body;
  slots.forEach((slot, i) => {
    if (slot.where === 'path') path[slot.key] = values[i]!;
    else (body as Record<string, unknown>)[slot.key] = slot.list ? [values[i]!] : values[i]!;
  });
  return { ...args, path, ...(body === undefined ? {} : { body }) };
}

/** A slot's candidates: its own value, then the seeded values of its kind. */
export function candidatesOf(slot: Slot, seeded: SeededValues): string[] {
  const prefix = ID.exec(slot.value)?.[1];
  const pool = KEY_FIELDS.has(slot.key) ? seeded.values(slot.key) : prefix ? seeded.ids(prefix) : [];
  return [slot.value, ...pool.filter((v) => v !== slot.value)];
}

/** The body without the members the JSON pointers name (`/values/escalate_after_minutes`). */
export function withoutFields(args: SampleArgs, pointers: readonly string[]): SampleArgs {
  if (args.body === undefined || pointers.length === 0) return args;
  const body = structuredClone(args.body) as Record<string, unknown>;
  for (const pointer of pointers) {
    const path = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = body;
    for (const segment of path.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    if (node && typeof node === 'object' && path.length > 0) delete (node as Record<string, unknown>)[path.at(-1)!];
  }
  return { ...args, body };
}

/**
 * The variants of round `k` (k ≥ 1), mildest first: only the ids the seed lacks replaced by
 * their k-th seeded candidate; then keys too (an event's `dedup_key`); then every slot.
 */
function variants(args: SampleArgs, slots: readonly Slot[], candidates: readonly string[][], k: number, seeded: SeededValues): SampleArgs[] {
  const pick = (c: readonly string[]): string => c[Math.min(k, c.length - 1)]!;
  const seededHas = (slot: Slot): boolean => (KEY_FIELDS.has(slot.key) ? seeded.values(slot.key) : seeded.ids(ID.exec(slot.value)?.[1] ?? '')).includes(slot.value);
  const ids = slots.map((slot, i) => (seededHas(slot) || KEY_FIELDS.has(slot.key) ? slot.value : pick(candidates[i]!)));
  const keys = slots.map((slot, i) => (seededHas(slot) ? slot.value : pick(candidates[i]!)));
  const all = candidates.map(pick);
  const distinct = new Map([ids, keys, all].map((values) => [values.join('\u0000'), values]));
  return [...distinct.values()].map((values) => withValues(args, slots, values));
}

/**
 * The first arguments that work, of: the sample's own, then {@link variants} of round 1, 2…
 * (up to `tries`), each also without the body fields the sandbox called invalid; the sample's
 * own when none works, for the sample test to report.
 */
export async function runnableArgs(op: OperationInfo, args: SampleArgs, seeded: SeededValues, probe: Probe, tries = 8): Promise<SampleArgs> {
  const slots = slotsOf(args);
  const candidates = slots.map((slot) => candidatesOf(slot, seeded));
  const rounds = Math.min(tries, Math.max(1, ...candidates.map((c) => c.length)));
  for (let k = 0; k < rounds; k++) {
    for (const variant of k === 0 ? [args] : variants(args, slots, candidates, k, seeded)) {
      const result = await probe(op, variant);
      if (result.ok) return variant;
      if (result.invalid.length > 0) {
        const trimmed = withoutFields(variant, result.invalid);
        if ((await probe(op, trimmed)).ok) return trimmed;
      }
    }
  }
  return args;
}
