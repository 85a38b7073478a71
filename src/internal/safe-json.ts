/**
 * A bounded, JSON-safe, scrubbed copy of any value: what errors keep of a server's `details`
 * and what log lines carry as fields. Making it never throws, and the copy can always be
 * serialised — whatever the value is: 100,000 levels deep, circular, a getter or `toJSON` that
 * throws, a `BigInt`, a Proxy, a huge array or string.
 *
 * @internal
 * @packageDocumentation
 */

/** How much of a value a copy keeps. */
export interface SafeJsonLimits {
  /** Levels of nesting kept; deeper values become `"[nested too deep]"`. */
  readonly depth: number;
  /** Items of an array (or keys of an object) kept; the rest are counted in a last entry. */
  readonly entries: number;
  /** Characters of a string kept; a longer one is cut and ends with `…`. */
  readonly stringLength: number;
  /** Values copied in all; once spent, values become `"[…]"`. */
  readonly nodes: number;
}

/** The limits errors and log lines use. */
export const SAFE_JSON_LIMITS: SafeJsonLimits = { depth: 16, entries: 100, stringLength: 1000, nodes: 2000 };

/** What a value that could not be read (a throwing getter or `toJSON`, a revoked Proxy) becomes. */
export const UNREADABLE = '[unreadable]';

// Scrubbing looks this far past a cut, so a secret straddling it is recognised whole (or as a
// long enough piece) and no fragment of it survives the cut. Generous for encoded forms.
const SCRUB_MARGIN = 256;

/**
 * `text` scrubbed and cut to `maxLength` characters (then ending with `marker`). The scrub runs
 * on a window past the cut, so a secret straddling the cut never leaves a piece before it.
 *
 * @param text - Any text.
 * @param maxLength - The longest result, not counting the marker.
 * @param scrub - Replaces secrets in a text.
 * @param marker - What a cut text ends with.
 */
export function boundedText(text: string, maxLength: number, scrub: (text: string) => string, marker = '…'): string {
  if (text.length <= maxLength) return scrub(text).slice(0, maxLength);
  return `${scrub(text.slice(0, maxLength + SCRUB_MARGIN)).slice(0, maxLength)}${marker}`;
}

interface Walk {
  readonly limits: SafeJsonLimits;
  readonly scrub: (text: string) => string;
  /** The objects on the path from the root, to recognise a cycle. */
  readonly path: Set<object>;
  nodes: number;
}

function read<T>(get: () => T): T | typeof UNREADABLE {
  try {
    return get();
  } catch {
    return UNREADABLE;
  }
}

function copy(value: unknown, walk: Walk, depth: number): unknown {
  walk.nodes += 1;
  if (walk.nodes > walk.limits.nodes) return '[…]';
  switch (typeof value) {
    case 'string':
      return boundedText(value, walk.limits.stringLength, walk.scrub);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? null : copyObject(value, walk, depth);
    default:
      return undefined; // undefined, functions and symbols, as JSON leaves them out
  }
}

function copyObject(value: object, walk: Walk, depth: number): unknown {
  if (walk.path.has(value)) return '[Circular]';
  if (depth >= walk.limits.depth) return '[nested too deep]';
  walk.path.add(value);
  try {
    if (read(() => value instanceof Error) === true) {
      const error = value as Error;
      return { name: copy(read(() => error.name), walk, depth + 1), message: copy(read(() => error.message), walk, depth + 1) };
    }
    // `toJSON` (a Date's, an SDK error's) says how the value wants to be shown; its result is
    // copied like any other value, without calling a `toJSON` of the result again.
    const toJSON = read(() => (value as { toJSON?: unknown }).toJSON);
    if (typeof toJSON === 'function') {
      const shown = read(() => (toJSON as (key: string) => unknown).call(value, ''));
      return shown !== null && typeof shown === 'object' ? copyEntries(shown, walk, depth) : copy(shown, walk, depth + 1);
    }
    return copyEntries(value, walk, depth);
  } finally {
    walk.path.delete(value);
  }
}

function copyEntries(value: object, walk: Walk, depth: number): unknown {
  const { entries } = walk.limits;
  if (read(() => Array.isArray(value)) === true) {
    const array = value as unknown[];
    const length = read(() => array.length);
    if (typeof length !== 'number') return UNREADABLE;
    const out: unknown[] = [];
    for (let i = 0; i < Math.min(length, entries); i += 1) out.push(copy(read(() => array[i]), walk, depth + 1) ?? null);
    if (length > entries) out.push(`… ${length - entries} more`);
    return out;
  }
  const keys = read(() => Object.keys(value));
  if (keys === UNREADABLE) return UNREADABLE;
  const out: Array<[string, unknown]> = [];
  for (const key of keys.slice(0, entries)) {
    const item = copy(read(() => (value as Record<string, unknown>)[key]), walk, depth + 1);
    if (item !== undefined) out.push([boundedText(key, 100, walk.scrub), item]);
  }
  if (keys.length > entries) out.push(['…', `${keys.length - entries} more keys`]);
  // Object.fromEntries defines own properties, so a key named `__proto__` stays data.
  return Object.fromEntries(out);
}

/**
 * A copy of `value` that `JSON.stringify` always accepts, bounded by `limits`: strings scrubbed
 * (object keys too) and cut, arrays and objects cut, cycles and too-deep values replaced by a
 * marker, `BigInt`s as strings, non-finite numbers as `null`, errors as `{ name, message }`,
 * values with a `toJSON` as what it returns. Never throws.
 *
 * @param value - Anything.
 * @param scrub - Replaces secrets in a text.
 * @param limits - How much to keep; {@link SAFE_JSON_LIMITS} by default.
 * @returns The copy; `undefined` for a value JSON leaves out (a function, `undefined`).
 */
export function safeJson(value: unknown, scrub: (text: string) => string, limits: SafeJsonLimits = SAFE_JSON_LIMITS): unknown {
  return copy(value, { limits, scrub, path: new Set(), nodes: 0 }, 0);
}
