/**
 * The scope catalogue (read from the spec's OAuth2 scopes), presets and the matching
 * rule the mock enforces.
 *
 * Rule: `admin` covers every scope; otherwise a required scope must be granted exactly.
 * Levels do not imply each other — `tickets:write` does not grant `tickets:read` — which
 * is the strict reading of DESIGN.md ("scopes narrow, never widen"); presets exist so
 * that nobody has to list the reads by hand.
 */
import { spec, type SpecObject } from './spec.js';

/** A scope string such as `agents:read`, or `admin`. */
export type ScopeName = string;

/** Scope presets of key creation. */
export type ScopePreset = 'read' | 'write' | 'admin';

function readCatalogue(): readonly ScopeName[] {
  const components = spec['components'] as SpecObject;
  const schemes = components['securitySchemes'] as Record<string, SpecObject>;
  const flows = schemes['OAuth2']?.['flows'] as Record<string, SpecObject> | undefined;
  const scopes = flows?.['authorizationCode']?.['scopes'] as Record<string, string> | undefined;
  return Object.keys(scopes ?? {}).filter((s) => s !== 'admin');
}

/** Every `family:level` scope of the API (without `admin`). */
export const ALL_SCOPES: readonly ScopeName[] = readCatalogue();

/**
 * The scopes of a preset: `read` → every `:read` scope; `write` → every `:read` and
 * `:write` scope (a read-write integration; `:execute` must be asked for); `admin` → `admin`.
 */
export function presetScopes(preset: ScopePreset): ScopeName[] {
  if (preset === 'admin') return ['admin'];
  const levels = preset === 'read' ? [':read'] : [':read', ':write'];
  return ALL_SCOPES.filter((s) => levels.some((level) => s.endsWith(level)));
}

/** Whether `granted` covers `required` (see the module comment for the rule). */
export function covers(granted: readonly ScopeName[], required: ScopeName): boolean {
  return granted.includes('admin') || granted.includes(required);
}

/** The scopes of `required` that `granted` does not cover, in order. */
export function missingScopes(granted: readonly ScopeName[], required: readonly ScopeName[]): ScopeName[] {
  return required.filter((scope) => !covers(granted, scope));
}
