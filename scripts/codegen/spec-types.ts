/** The slice of an OpenAPI 3.1 document the build scripts read. */
export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
  $ref?: string;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown; example?: unknown }>; $ref?: string };
  responses?: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  'x-stability'?: 'stable' | 'beta' | 'internal';
  'x-required-scopes'?: string[];
  'x-sunset'?: string;
  'x-deprecated-at'?: string;
  'x-successor'?: string;
  'x-rate-limit-group'?: string;
  [key: string]: unknown;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  paths: Record<string, PathItemObject>;
  components?: {
    parameters?: Record<string, ParameterObject>;
    schemas?: Record<string, unknown>;
    [key: string]: unknown;
  };
  tags?: Array<{ name: string; description?: string }>;
  'x-tagGroups'?: Array<{ name: string; tags: string[] }>;
  'x-rate-limit-groups'?: Record<string, { limit: number; window_seconds: number; description?: string }>;
  [key: string]: unknown;
}

/** Resolves a local `#/components/...` parameter reference. */
export function resolveParameter(doc: OpenApiDocument, p: ParameterObject): ParameterObject {
  if (!p.$ref) return p;
  const name = p.$ref.replace('#/components/parameters/', '');
  const resolved = doc.components?.parameters?.[name];
  if (!resolved) throw new Error(`unresolved parameter reference ${p.$ref}`);
  return resolved;
}

/** Every operation of the document with its path, method and merged parameters. */
export function* eachOperation(
  doc: OpenApiDocument,
): Generator<{ path: string; method: HttpMethod; op: OperationObject; parameters: ParameterObject[] }> {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const merged = new Map<string, ParameterObject>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const r = resolveParameter(doc, p);
        merged.set(`${r.in}:${r.name}`, r);
      }
      yield { path, method, op, parameters: [...merged.values()] };
    }
  }
}
