/**
 * What the CLI reads from installed packages: its version (`@opsmerge/cli/package.json`), the
 * bundled spec (`@opsmerge/sdk/openapi.json`) for parameter descriptions, enums and examples
 * in `--help` and for Prism, and optional tools such as Prism. Resolved the way Node resolves
 * imports, from this module: in the published package that is its node_modules; in the
 * repository the workspace links (node_modules/@opsmerge/* → packages/*).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationInfo } from '@opsmerge/sdk';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The resolved path of `specifier` from the CLI, else from the working directory; undefined when neither has it. */
export function resolveInstalled(specifier: string): string | undefined {
  for (const from of [require, createRequire(join(process.cwd(), 'package.json'))]) {
    try {
      return from.resolve(specifier);
    } catch {
      // Not installed there: try the next place.
    }
  }
  return undefined;
}

/** The CLI's version, for `opsmerge --version`. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve('@opsmerge/cli/package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The bundled spec's path: generated/openapi.json beside cli/ when running from the repository
 * (always current, no build needed), else the installed `@opsmerge/sdk/openapi.json`.
 * Undefined when neither is there.
 */
export function specPath(): string | undefined {
  const inRepository = join(here, '..', 'generated', 'openapi.json');
  if (existsSync(inRepository)) return inRepository;
  try {
    return require.resolve('@opsmerge/sdk/openapi.json');
  } catch {
    return undefined;
  }
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
