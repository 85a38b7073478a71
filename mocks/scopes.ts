/**
 * The scope catalogue (the spec's closed `Scope` enum), presets and the matching rule the
 * mock enforces.
 *
 * Rule: `admin` covers every scope; otherwise a required scope must be granted exactly.
 * Levels do not imply each other — `psa_tickets:write` does not grant `psa_tickets:read` —
 * which is the strict reading of DESIGN.md ("scopes narrow, never widen"); presets exist so
 * that nobody has to list the reads by hand.
 */
import type { Scope } from '@opsmerge/sdk';
import { spec, type SpecObject } from './spec.js';

/** A scope of the catalogue, such as `agents:read`, or `admin`. */
export type ScopeName = Scope;

/** Scope presets of key creation. */
export type ScopePreset = 'read' | 'write' | 'admin';

function readCatalogue(): readonly Scope[] {
  const schemas = (spec['components'] as SpecObject)['schemas'] as Record<string, SpecObject>;
  return (schemas['Scope']?.['enum'] ?? []) as Scope[];
}

/** Every scope of the API, `admin` included, in the spec's order. */
export const SCOPE_CATALOGUE: readonly Scope[] = readCatalogue();

/** Every `family:level` scope of the API (without `admin`). */
export const ALL_SCOPES: readonly Scope[] = SCOPE_CATALOGUE.filter((s) => s !== 'admin');

const KNOWN: ReadonlySet<string> = new Set(SCOPE_CATALOGUE);

/** Whether `value` is a scope of the catalogue. */
export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && KNOWN.has(value);
}

/**
 * The scopes of a preset: `read` → every `:read` scope; `write` → every `:read` and
 * `:write` scope (a read-write integration; `:execute` must be asked for); `admin` → `admin`.
 */
export function presetScopes(preset: ScopePreset): Scope[] {
  if (preset === 'admin') return ['admin'];
  const levels = preset === 'read' ? [':read'] : [':read', ':write'];
  return ALL_SCOPES.filter((s) => levels.some((level) => s.endsWith(level)));
}

/** Whether `granted` covers `required` (see the module comment for the rule). */
export function covers(granted: readonly string[], required: string): boolean {
  return granted.includes('admin') || granted.includes(required);
}

/**
 * The scopes of `required` that `granted` does not cover, in order. `required` comes from
 * an operation's `x-required-scopes`, which the spec lint keeps inside the catalogue.
 */
export function missingScopes(granted: readonly string[], required: readonly string[]): Scope[] {
  return required.filter((scope): scope is Scope => !covers(granted, scope));
}
