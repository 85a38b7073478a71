/**
 * The stability-policy gate (`npm run check:compat`) as pure functions: given the last
 * released spec, the current spec (both bundled), the `redocly diff` report between them
 * and the pending changesets, decide what the change requires and what is violated.
 *
 * The policy (DESIGN.md "Stability tiers", .changeset/README.md):
 * - A change is attributed to the operations it touches (a change inside a shared
 *   component touches every operation that references it, directly or transitively) and
 *   takes the strictest tier among them: stable > beta > internal. A change that touches
 *   no operation (info, servers, security schemes, unused components) counts as stable
 *   ("global").
 * - stable: a breaking (major) change needs a `major` changeset; an additive (minor)
 *   change a `minor` one or higher; any other change (patch) a changeset of any type.
 * - beta: any change needs a changeset of any type. internal: free.
 * - A stable operation may leave the API (removed, or moved to beta/internal) only when
 *   the released spec had deprecated it (`deprecated: true`) with `x-deprecated-at` and
 *   an `x-sunset` at least 6 months later, and that sunset date has been reached (today,
 *   UTC, is on or after it). It still needs a `major` changeset: the SDK method goes away.
 * - A stable operation newly deprecated needs the 6-month window (as `npm run lint:spec`);
 *   an announced `x-sunset` may not move earlier.
 * - `info.version` must grow with the change: major for stable breaking changes, minor for
 *   stable additions and for any beta change except a patch-level one, patch for stable or
 *   beta patch-level changes; internal changes need no bump. A bigger bump is allowed.
 */
import { HTTP_METHODS, type HttpMethod, type OpenApiDocument, type OperationObject, type ParameterObject } from '../codegen/spec-types.js';

export type Impact = 'major' | 'minor' | 'patch';
export type Tier = 'stable' | 'beta' | 'internal';
/** The tier a change counts in: an operation's tier, or `global` (touches no operation; counts as stable). */
export type ChangeTier = Tier | 'global';

const RANK: Record<Impact, number> = { patch: 1, minor: 2, major: 3 };
const TIER_RANK: Record<ChangeTier, number> = { internal: 0, beta: 1, stable: 2, global: 3 };

export function maxImpact(a: Impact | null, b: Impact | null): Impact | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function atLeast(have: Impact | null, need: Impact | null): boolean {
  if (need === null) return true;
  if (have === null) return false;
  return RANK[have] >= RANK[need];
}

// ─── redocly diff report (the slice we read) ────────────────────────────────────────────

export interface RedoclyVerdict {
  ruleId: string;
  impact: Impact;
  message: string;
  location?: { pointer?: string };
}

export interface RedoclyChange {
  path: string;
  kind: 'added' | 'removed' | 'modified';
  impact?: Impact | 'none';
  property?: string;
  verdicts?: RedoclyVerdict[];
  base?: { pointer?: string; value?: unknown };
  revision?: { pointer?: string; value?: unknown };
}

export interface RedoclyReport {
  changes: RedoclyChange[];
}

// ─── operations ─────────────────────────────────────────────────────────────────────────

export interface OperationInfo {
  /** Identity across versions: `GET /v1/agents/{}` (path parameter names do not matter). */
  key: string;
  method: HttpMethod;
  path: string;
  operationId: string;
  stability: Tier;
  deprecated: boolean;
  deprecatedAt: string | null;
  sunset: string | null;
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

export function label(op: OperationInfo): string {
  return `${op.operationId} (${op.method.toUpperCase()} ${op.path})`;
}

export function listOperations(doc: OpenApiDocument): Map<string, OperationInfo> {
  const ops = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const stability = op['x-stability'];
      const key = operationKey(method, path);
      ops.set(key, {
        key,
        method,
        path,
        operationId: op.operationId ?? key,
        // An operation without a tier gets the strictest treatment.
        stability: stability === 'beta' || stability === 'internal' ? stability : 'stable',
        deprecated: op.deprecated === true,
        deprecatedAt: typeof op['x-deprecated-at'] === 'string' ? op['x-deprecated-at'] : null,
        sunset: typeof op['x-sunset'] === 'string' ? op['x-sunset'] : null,
      });
    }
  }
  return ops;
}

// ─── JSON pointers and references ───────────────────────────────────────────────────────

export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, '').replace(/^\//, '');
  if (body === '') return [];
  return body.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const seg of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/** `components/schemas/Agent` for any pointer or `$ref` into a component, else null. */
export function componentOf(pointer: string): string | null {
  const segs = pointerSegments(pointer);
  if (segs[0] !== 'components' || segs.length < 3) return null;
  return `components/${segs[1]}/${segs[2]}`;
}

function collectRefs(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out.add(v);
      else collectRefs(v, out);
    }
  }
}

/** Component (`components/<type>/<name>`) → keys of the operations that reference it, directly or through other components. */
export function referenceIndex(doc: OpenApiDocument): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const key = operationKey(method, path);
      const queue = new Set<string>();
      collectRefs(op, queue);
      collectRefs(item.parameters, queue);
      const seen = new Set<string>();
      for (const ref of queue) {
        const component = componentOf(ref);
        if (!component || seen.has(component)) continue;
        seen.add(component);
        if (!index.has(component)) index.set(component, new Set());
        index.get(component)!.add(key);
        // Component names match ^[a-zA-Z0-9._-]+$: the key splits back into its segments.
        const [, type, name] = component.split('/');
        collectRefs((doc.components?.[type!] as Record<string, unknown> | undefined)?.[name!], queue);
      }
    }
  }
  return index;
}

// ─── parameter alignment before redocly diff ────────────────────────────────────────────

function parameterKey(doc: OpenApiDocument, p: ParameterObject): string {
  const resolved = p.$ref ? (resolvePointer(doc, p.$ref) as ParameterObject | undefined) : p;
  return resolved ? `${resolved.in}:${resolved.name}` : `ref:${p.$ref}`;
}

function mergedParameters(doc: OpenApiDocument, pathLevel: ParameterObject[] | undefined, op: OperationObject): Map<string, ParameterObject> {
  const merged = new Map<string, ParameterObject>();
  for (const p of [...(pathLevel ?? []), ...(op.parameters ?? [])]) merged.set(parameterKey(doc, p), p);
  return merged;
}

interface ParameterAlignment {
  /** How many parameters both versions share (they come first, in the same order). */
  common: number;
  removed: ParameterObject[];
  added: ParameterObject[];
}

function resolveParameter(doc: OpenApiDocument, p: ParameterObject): ParameterObject {
  return p.$ref ? ((resolvePointer(doc, p.$ref) as ParameterObject | undefined) ?? p) : p;
}

/**
 * Returns copies of both documents in which every operation lists its parameters (path
 * level merged in) so that the parameters both versions share come first, in the same
 * order, at the same positions; the removed ones follow in the base, the added ones in
 * the revision. `redocly diff` compares parameters by position, so aligned shared
 * parameters are compared with themselves. Past the shared ones (the `common` count per
 * operation key) a removed and an added parameter meet at one position and redocly calls
 * them a rename: {@link parameterFindings} reports those tails instead.
 */
export function alignParameters(base: OpenApiDocument, revision: OpenApiDocument): [OpenApiDocument, OpenApiDocument, Map<string, ParameterAlignment>] {
  const b = structuredClone(base);
  const r = structuredClone(revision);
  const alignment = new Map<string, ParameterAlignment>();
  const paths = new Set([...Object.keys(b.paths ?? {}), ...Object.keys(r.paths ?? {})]);
  for (const path of paths) {
    const bItem = b.paths?.[path];
    const rItem = r.paths?.[path];
    for (const method of HTTP_METHODS) {
      const bOp = bItem?.[method];
      const rOp = rItem?.[method];
      const bParams = bOp ? mergedParameters(b, bItem?.parameters, bOp) : new Map<string, ParameterObject>();
      const rParams = rOp ? mergedParameters(r, rItem?.parameters, rOp) : new Map<string, ParameterObject>();
      const common = [...bParams.keys()].filter((k) => rParams.has(k));
      const removed = [...bParams].filter(([k]) => !rParams.has(k)).map(([, p]) => p);
      const added = [...rParams].filter(([k]) => !bParams.has(k)).map(([, p]) => p);
      if (bOp && bParams.size > 0) bOp.parameters = [...common.map((k) => bParams.get(k)!), ...removed];
      if (rOp && rParams.size > 0) rOp.parameters = [...common.map((k) => rParams.get(k)!), ...added];
      if (bOp && rOp) {
        alignment.set(operationKey(method, path), {
          common: common.length,
          removed: removed.map((p) => resolveParameter(b, p)),
          added: added.map((p) => resolveParameter(r, p)),
        });
      }
    }
    if (bItem) delete bItem.parameters;
    if (rItem) delete rItem.parameters;
  }
  return [b, r, alignment];
}

// ─── classification ─────────────────────────────────────────────────────────────────────

export interface Finding {
  tier: ChangeTier;
  impact: Impact;
  /** Labels of the operations the change touches (empty for global changes). */
  operations: string[];
  message: string;
  /** `redocly` (from the diff report) or `policy` (stability and deprecation data, read by this gate). */
  source: 'redocly' | 'policy';
}

interface Context {
  base: OpenApiDocument;
  revision: OpenApiDocument;
  baseOps: Map<string, OperationInfo>;
  revisionOps: Map<string, OperationInfo>;
  baseRefs: Map<string, Set<string>>;
  revisionRefs: Map<string, Set<string>>;
  parameters: Map<string, ParameterAlignment>;
}

export function createContext(base: OpenApiDocument, revision: OpenApiDocument): Context {
  return {
    base,
    revision,
    baseOps: listOperations(base),
    revisionOps: listOperations(revision),
    baseRefs: referenceIndex(base),
    revisionRefs: referenceIndex(revision),
    parameters: alignParameters(base, revision)[2],
  };
}

/** The operation an operation key names, in the base if it is there (the promise in force), else in the revision. */
function lookup(ctx: Context, key: string): OperationInfo | undefined {
  return ctx.baseOps.get(key) ?? ctx.revisionOps.get(key);
}

/** Keys of the operations a change touches. */
export function affectedOperations(ctx: Context, change: RedoclyChange): Set<string> {
  const pointers = [change.path, change.base?.pointer, change.revision?.pointer, ...(change.verdicts ?? []).map((v) => v.location?.pointer)];
  const keys = new Set<string>();
  for (const pointer of pointers) {
    if (!pointer) continue;
    const segs = pointerSegments(pointer);
    if (segs[0] === 'paths' && segs[1] !== undefined) {
      const path = segs[1];
      const method = segs[2];
      if (method && (HTTP_METHODS as readonly string[]).includes(method)) {
        keys.add(operationKey(method, path));
      } else {
        // The path item itself (added, removed, or its shared parameters): all its operations.
        for (const doc of [ctx.base, ctx.revision]) {
          const item = doc.paths?.[path];
          for (const m of HTTP_METHODS) if (item?.[m]) keys.add(operationKey(m, path));
        }
      }
    }
    const component = componentOf(pointer);
    if (component) {
      for (const k of ctx.baseRefs.get(component) ?? []) keys.add(k);
      for (const k of ctx.revisionRefs.get(component) ?? []) keys.add(k);
    }
  }
  return keys;
}

/** `GET /v1/agents › parameters/3` for a pointer into an operation, the pointer itself elsewhere. */
function where(pointer: string): string {
  const segs = pointerSegments(pointer);
  if (segs[0] !== 'paths' || segs[1] === undefined) return segs.join('/') || '(root)';
  const [, path, method, ...rest] = segs;
  if (method === undefined) return `path ${path}`;
  const op = (HTTP_METHODS as readonly string[]).includes(method) ? `${method.toUpperCase()} ${path}` : `path ${path} › ${method}`;
  return rest.length > 0 ? `${op} › ${rest.join('/')}` : op;
}

function changeMessage(change: RedoclyChange): string {
  const verdicts = change.verdicts ?? [];
  if (verdicts.length > 0) return verdicts.map((v) => v.message).join(' ');
  const value = (change.kind === 'removed' ? change.base?.value : change.revision?.value) as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && typeof value['name'] === 'string' && typeof value['in'] === 'string') {
    return `\`${value['name']}\` ${value['in']} parameter was ${change.kind} (${value['required'] === true ? 'required' : 'optional'}).`;
  }
  if (change.kind === 'modified' && change.property) return `\`${change.property}\` of ${where(change.path)} changed.`;
  return `${where(change.path)} was ${change.kind}.`;
}

/** True for a change at a parameter position past the shared ones: {@link parameterFindings} covers it. */
function inParameterTail(ctx: Context, pointer: string): boolean {
  const [root, path, method, list, index] = pointerSegments(pointer);
  if (root !== 'paths' || path === undefined || method === undefined || list !== 'parameters' || index === undefined) return false;
  const alignment = ctx.parameters.get(operationKey(method, path));
  return alignment !== undefined && Number(index) >= alignment.common;
}

/** Parameters removed from or added to an operation, matched by location and name. */
export function parameterFindings(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  for (const [key, { removed, added }] of ctx.parameters) {
    const op = lookup(ctx, key);
    if (!op) continue;
    for (const p of removed) {
      findings.push({ tier: op.stability, impact: 'major', operations: [label(op)], message: `\`${p.name}\` ${p.in} parameter was removed.`, source: 'policy' });
    }
    for (const p of added) {
      const required = p.required === true;
      findings.push({
        tier: op.stability,
        impact: required ? 'major' : 'minor',
        operations: [label(op)],
        message: `\`${p.name}\` ${p.in} parameter was added (${required ? 'required' : 'optional'}).`,
        source: 'policy',
      });
    }
  }
  return findings;
}

/** Turns the redocly report into findings, each in the strictest tier it touches. */
export function classifyRedoclyChanges(ctx: Context, report: RedoclyReport): Finding[] {
  const findings: Finding[] = [];
  for (const change of report.changes) {
    // The version bump itself is checked separately.
    if (change.path === '#/info' && change.property === 'version') continue;
    if (inParameterTail(ctx, change.path)) continue;
    const impact: Impact = change.impact === 'major' || change.impact === 'minor' ? change.impact : 'patch';
    const ops = [...affectedOperations(ctx, change)].map((k) => lookup(ctx, k)).filter((o): o is OperationInfo => o !== undefined);
    let tier: ChangeTier = 'global';
    if (ops.length > 0) {
      tier = 'internal';
      for (const op of ops) if (TIER_RANK[op.stability] > TIER_RANK[tier]) tier = op.stability;
    }
    findings.push({
      tier,
      impact,
      operations: ops.filter((o) => o.stability === tier).map(label).sort(),
      message: changeMessage(change),
      source: 'redocly',
    });
  }
  return findings;
}

// ─── dates ──────────────────────────────────────────────────────────────────────────────

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDate(value: string | null): Date | null {
  if (value === null) return null;
  const d = new Date(DATE.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `date` plus `months` calendar months, the way `lint:spec`'s deprecated-sunset rule counts them. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export const NOTICE_MONTHS = 6;

/** Why a deprecation notice is not a valid 6-month notice, or null when it is. */
export function noticeProblem(op: OperationInfo): string | null {
  if (!op.deprecated) return 'it was not deprecated';
  const at = parseDate(op.deprecatedAt);
  const sunset = parseDate(op.sunset);
  if (!sunset) return 'it has no valid x-sunset date';
  if (!at) return 'it has no valid x-deprecated-at date';
  if (sunset < addMonths(at, NOTICE_MONTHS)) return `its sunset (${op.sunset}) is less than ${NOTICE_MONTHS} months after its deprecation (${op.deprecatedAt})`;
  return null;
}

/** Why a stable operation of the released spec may not leave the API today, or null when it may. */
export function removalProblem(released: OperationInfo, today: Date): string | null {
  const notice = noticeProblem(released);
  if (notice) return `the released spec gave no valid notice: ${notice}`;
  const sunset = parseDate(released.sunset)!;
  if (today < sunset) return `its sunset date ${released.sunset} has not been reached`;
  return null;
}

// ─── policy findings from stability and deprecation data ───────────────────────────────

export type RuleId =
  | 'stable-breaking-without-major'
  | 'changeset-too-small'
  | 'changeset-missing'
  | 'stable-removal-without-notice'
  | 'deprecation-notice-too-short'
  | 'sunset-moved-earlier'
  | 'version-not-bumped'
  | 'version-decreased'
  | 'version-invalid';

export interface Violation {
  rule: RuleId;
  message: string;
}

export function policyFindings(ctx: Context, today: Date): { findings: Finding[]; violations: Violation[] } {
  const findings: Finding[] = [];
  const violations: Violation[] = [];
  for (const [key, before] of ctx.baseOps) {
    const after = ctx.revisionOps.get(key);
    if (!after) {
      if (before.stability !== 'stable') continue; // redocly reports the removal in its tier
      const problem = removalProblem(before, today);
      if (problem) violations.push({ rule: 'stable-removal-without-notice', message: `${label(before)} was removed, but ${problem}.` });
      continue;
    }
    if (before.stability !== after.stability) {
      if (before.stability === 'stable') {
        findings.push({ tier: 'stable', impact: 'major', operations: [label(before)], message: `moved from stable to ${after.stability}.`, source: 'policy' });
        const problem = removalProblem(before, today);
        if (problem) violations.push({ rule: 'stable-removal-without-notice', message: `${label(before)} left the stable tier (now ${after.stability}), but ${problem}.` });
      } else if (after.stability === 'stable') {
        findings.push({ tier: 'stable', impact: 'minor', operations: [label(after)], message: `promoted from ${before.stability} to stable.`, source: 'policy' });
      } else {
        findings.push({ tier: 'beta', impact: 'minor', operations: [label(after)], message: `moved from ${before.stability} to ${after.stability}.`, source: 'policy' });
      }
    }
    const tier = before.stability === 'stable' || after.stability === 'stable' ? 'stable' : before.stability === 'beta' || after.stability === 'beta' ? 'beta' : 'internal';
    if (!before.deprecated && after.deprecated) {
      findings.push({ tier, impact: 'minor', operations: [label(after)], message: `deprecated (sunset ${after.sunset ?? 'not set'}).`, source: 'policy' });
      const problem = tier === 'stable' ? noticeProblem(after) : null;
      if (problem) violations.push({ rule: 'deprecation-notice-too-short', message: `${label(after)} is deprecated, but ${problem}.` });
    } else if (before.deprecated && !after.deprecated) {
      findings.push({ tier, impact: 'patch', operations: [label(after)], message: 'no longer deprecated.', source: 'policy' });
    } else if (before.deprecated && after.deprecated && (before.sunset !== after.sunset || before.deprecatedAt !== after.deprecatedAt)) {
      findings.push({ tier, impact: 'patch', operations: [label(after)], message: `deprecation changed (sunset ${before.sunset} → ${after.sunset}).`, source: 'policy' });
      if (tier === 'stable') {
        const was = parseDate(before.sunset);
        const now = parseDate(after.sunset);
        if (was && (!now || now < was)) {
          violations.push({ rule: 'sunset-moved-earlier', message: `${label(after)}: the announced sunset ${before.sunset} may not move earlier (now ${after.sunset ?? 'none'}).` });
        } else {
          const problem = noticeProblem(after);
          if (problem) violations.push({ rule: 'deprecation-notice-too-short', message: `${label(after)}: ${problem}.` });
        }
      }
    }
  }
  return { findings, violations };
}

// ─── versions and changesets ────────────────────────────────────────────────────────────

interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(v: unknown): SemVer | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : null;
}

/** The kind of step from `from` to `to`: a bump level, `none` (equal) or `decrease`. */
export function versionStep(from: SemVer, to: SemVer): Impact | 'none' | 'decrease' {
  if (to.major !== from.major) return to.major > from.major ? 'major' : 'decrease';
  if (to.minor !== from.minor) return to.minor > from.minor ? 'minor' : 'decrease';
  if (to.patch !== from.patch) return to.patch > from.patch ? 'patch' : 'decrease';
  return 'none';
}

export interface Changeset {
  file: string;
  /** Bump for the package, or null when the changeset does not release it (e.g. an empty changeset). */
  bump: Impact | null;
}

/**
 * Reads the package's bump from a changeset file's front matter (`"@opsmerge/sdk": minor`).
 * With several names (a changesets `fixed` group, whose packages always share one version),
 * the highest bump of any of them.
 */
export function parseChangeset(text: string, packageNames: string | readonly string[]): Impact | null {
  const names: readonly string[] = typeof packageNames === 'string' ? [packageNames] : packageNames;
  const m = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return null;
  let bump: Impact | null = null;
  for (const line of m[1]!.split(/\r?\n/)) {
    const entry = /^\s*(["']?)(.+?)\1\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (entry && names.includes(entry[2]!)) bump = maxImpact(bump, entry[3] as Impact);
  }
  return bump;
}

// ─── the verdict ────────────────────────────────────────────────────────────────────────

export interface CompatInput {
  base: OpenApiDocument;
  revision: OpenApiDocument;
  /** `redocly diff --format json` between the two (after {@link alignParameters}). */
  report: RedoclyReport;
  changesets: Changeset[];
  /** Today (UTC); a removal is allowed on or after the sunset date. */
  today: Date;
}

export interface CompatResult {
  findings: Finding[];
  /** Highest impact per tier (global is folded into stable). */
  impact: Record<Tier, Impact | null>;
  /** Lowest changeset bump that satisfies the policy (null: none needed). */
  requiredChangeset: Impact | null;
  /** Lowest `info.version` bump that satisfies the policy (null: none needed). */
  requiredVersion: Impact | null;
  /** Highest bump among the pending changesets (null: none). */
  changeset: Impact | null;
  version: { base: string; revision: string; step: Impact | 'none' | 'decrease' | 'invalid' };
  violations: Violation[];
}

export function evaluate(input: CompatInput): CompatResult {
  const ctx = createContext(input.base, input.revision);
  const policy = policyFindings(ctx, input.today);
  const findings = [...classifyRedoclyChanges(ctx, input.report), ...parameterFindings(ctx), ...policy.findings];
  const violations = [...policy.violations];

  const impact: Record<Tier, Impact | null> = { stable: null, beta: null, internal: null };
  for (const f of findings) {
    const tier = f.tier === 'global' ? 'stable' : f.tier;
    impact[tier] = maxImpact(impact[tier], f.impact);
  }

  // Changesets: stable → the same level; beta → any (a patch is the lowest); internal → none.
  const requiredChangeset = maxImpact(impact.stable, impact.beta ? 'patch' : null);
  // info.version: stable → the same level; beta → minor, or patch for patch-level changes.
  const requiredVersion = maxImpact(impact.stable, impact.beta === null ? null : impact.beta === 'patch' ? 'patch' : 'minor');

  let changeset: Impact | null = null;
  for (const c of input.changesets) changeset = maxImpact(changeset, c.bump);

  if (requiredChangeset !== null && !atLeast(changeset, requiredChangeset)) {
    const have = changeset === null ? 'there is no pending changeset for the package' : `the highest pending changeset is ${changeset}`;
    if (requiredChangeset === 'major') {
      const breaking = findings.filter((f) => (f.tier === 'stable' || f.tier === 'global') && f.impact === 'major');
      violations.push({
        rule: 'stable-breaking-without-major',
        message: `breaking changes to stable operations need a major changeset, but ${have}: ${breaking.map(describe).join('; ')}`,
      });
    } else if (changeset !== null) {
      violations.push({ rule: 'changeset-too-small', message: `additions to stable operations need a ${requiredChangeset} changeset or higher, but ${have}.` });
    } else {
      const tiers = [impact.stable && 'stable', impact.beta && 'beta'].filter(Boolean).join(' and ');
      violations.push({ rule: 'changeset-missing', message: `changes to ${tiers} operations need a changeset (\`npx changeset add\`), but ${have}.` });
    }
  }

  const from = parseVersion(input.base.info?.version);
  const to = parseVersion(input.revision.info?.version);
  let step: CompatResult['version']['step'] = 'invalid';
  if (!from || !to) {
    violations.push({ rule: 'version-invalid', message: `info.version must be MAJOR.MINOR.PATCH (released ${String(input.base.info?.version)}, current ${String(input.revision.info?.version)}).` });
  } else {
    step = versionStep(from, to);
    if (step === 'decrease') {
      violations.push({ rule: 'version-decreased', message: `info.version went down: ${input.base.info.version} → ${input.revision.info.version}.` });
    } else if (requiredVersion !== null && !atLeast(step === 'none' ? null : step, requiredVersion)) {
      violations.push({
        rule: 'version-not-bumped',
        message: `the changes need a ${requiredVersion} bump of info.version, but it went ${input.base.info.version} → ${input.revision.info.version}${step === 'none' ? ' (unchanged)' : ` (a ${step} bump)`}.`,
      });
    }
  }

  return {
    findings,
    impact,
    requiredChangeset,
    requiredVersion,
    changeset,
    version: { base: String(input.base.info?.version), revision: String(input.revision.info?.version), step },
    violations,
  };
}

export function describe(f: Finding): string {
  return `${f.operations.length > 0 ? `${f.operations.join(', ')}: ` : ''}${f.message}`;
}

/** The human-readable report `npm run check:compat` prints. */
export function formatResult(result: CompatResult): string {
  const lines: string[] = [];
  const order: ChangeTier[] = ['global', 'stable', 'beta', 'internal'];
  const findings = [...result.findings].sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier) || RANK[b.impact] - RANK[a.impact]);
  lines.push(`info.version: ${result.version.base} (released) → ${result.version.revision} (current)`);
  if (findings.length === 0) lines.push('No API changes since the released spec.');
  else {
    lines.push(`${findings.length} change(s) since the released spec:`);
    for (const f of findings) lines.push(`  ${f.tier.padEnd(8)} ${f.impact.padEnd(5)}  ${describe(f)}`);
  }
  lines.push(
    `Requires: ${result.requiredChangeset ? `a ${result.requiredChangeset === 'patch' ? 'changeset (any type)' : `${result.requiredChangeset} changeset`}` : 'no changeset'}; ` +
      `${result.requiredVersion ? `a ${result.requiredVersion} bump of info.version` : 'no info.version bump'}.`,
  );
  lines.push(`Pending changesets: ${result.changeset ?? 'none'} (highest bump).`);
  if (result.violations.length === 0) lines.push('✓ the change follows the stability policy.');
  else for (const v of result.violations) lines.push(`✗ ${v.rule}: ${v.message}`);
  return lines.join('\n');
}

export type { OpenApiDocument };
