/**
 * What the CLI reads from its own package: the version (package.json) and the bundled spec
 * (generated/openapi.json) for parameter descriptions, enums and examples in `--help`, and
 * for Prism. Paths are found from this module's location, so they work both from cli/
 * (tsx, in the repo) and from the published package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationInfo } from '@opsmerge/sdk';

const PACKAGE_NAME = '@opsmerge/sdk';
const here = dirname(fileURLToPath(import.meta.url));

/** The directory of the package's package.json (the repo root, or node_modules/@opsmerge/sdk). */
export function packageRoot(): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // Not ours (or unreadable): keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${here}`);
  }
}

/** The package's version, for `opsmerge --version`. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * The bundled spec's path: generated/openapi.json next to src/ (repo, or a build that keeps
 * the layout), else at the package root. Undefined when the package ships neither.
 */
export function specPath(): string | undefined {
  const candidates = [join(here, '..', '..', 'generated', 'openapi.json')];
  try {
    candidates.push(join(packageRoot(), 'generated', 'openapi.json'));
  } catch {
    // No package root: only the relative candidate.
  }
  return candidates.find((file) => existsSync(file));
}

type Json = Record<string, unknown>;
let spec: Json | null | undefined;

function loadSpec(): Json | null {
  if (spec !== undefined) return spec;
  const file = specPath();
  try {
    spec = file === undefined ? null : (JSON.parse(readFileSync(file, 'utf8')) as Json);
  } catch {
    spec = null;
  }
  return spec;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(document: Json, value: unknown): Json | undefined {
  if (!isJson(value)) return undefined;
  const ref = value['$ref'];
  if (typeof ref !== 'string') return value;
  let node: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) node = isJson(node) ? node[part] : undefined;
  return isJson(node) ? node : undefined;
}

/** A parameter of an operation, as the CLI needs it for an option or an argument. */
export interface ParamInfo {
  readonly name: string;
  readonly description: string | undefined;
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly format: string | undefined;
  readonly enum: readonly string[] | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly example: string | undefined;
}

/**
 * Describes the query or path parameters of an operation from the spec. Without the spec
 * file, each parameter is a plain string with no description.
 */
export function paramInfo(op: OperationInfo, where: 'query' | 'path'): ParamInfo[] {
  const names = where === 'query' ? op.queryParams : op.pathParams;
  const document = loadSpec();
  const pathItem = document && isJson(document['paths']) ? document['paths'][op.path] : undefined;
  const operation = isJson(pathItem) ? pathItem[op.method.toLowerCase()] : undefined;
  const declared = [
    ...(isJson(pathItem) && Array.isArray(pathItem['parameters']) ? pathItem['parameters'] : []),
    ...(isJson(operation) && Array.isArray(operation['parameters']) ? operation['parameters'] : []),
  ].flatMap((p) => {
    const resolved = document ? resolveRef(document, p) : undefined;
    return resolved && resolved['in'] === where ? [resolved] : [];
  });
  return names.map((name) => {
    const param = declared.find((p) => p['name'] === name);
    const schema = param && isJson(param['schema']) ? param['schema'] : {};
    const type = schema['type'];
    const example = param?.['example'] ?? schema['example'];
    return {
      name,
      description: typeof param?.['description'] === 'string' ? param['description'].replace(/\s+/g, ' ').trim() : undefined,
      type: type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string',
      format: typeof schema['format'] === 'string' ? schema['format'] : undefined,
      enum: Array.isArray(schema['enum']) ? schema['enum'].map(String) : undefined,
      minimum: typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined,
      maximum: typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined,
      example: example === undefined || example === null ? undefined : String(example),
    };
  });
}

/** The description of a spec tag (`Agents` → "Monitored devices and …"), if the spec is there. */
export function tagDescription(tag: string): string | undefined {
  const document = loadSpec();
  const tags = document && Array.isArray(document['tags']) ? document['tags'] : [];
  const found = tags.find((t): t is Json => isJson(t) && t['name'] === tag);
  return typeof found?.['description'] === 'string' ? found['description'].replace(/\s+/g, ' ').trim() : undefined;
}
