/** Helpers to read the bundled spec (generated/openapi.json) in tests. */
import specJson from '../../generated/openapi.json' with { type: 'json' };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const spec = specJson as unknown as JsonObject;

/** Follows local `#/…` references until a non-reference node. */
export function deref<T = JsonObject>(node: unknown): T {
  let current = node as JsonObject;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce<JsonObject>((n, key) => n[key] as JsonObject, spec);
  }
  return current as T;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  op: JsonObject;
  parameters: JsonObject[];
}

export function specOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, itemRef] of Object.entries(deref<JsonObject>(spec.paths))) {
    const item = deref<JsonObject>(itemRef);
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as JsonObject | undefined;
      if (!op) continue;
      const params = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map((p) => deref<JsonObject>(p));
      out.push({ operationId: op.operationId as string, method: method.toUpperCase(), path, op, parameters: params });
    }
  }
  return out;
}

/** The path with every `{param}` replaced by the parameter's documented example. */
export function examplePath(operation: SpecOperation): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = operation.parameters.find((x) => x.in === 'path' && x.name === name);
    const example = p?.example ?? (p?.schema as JsonObject | undefined)?.example;
    if (example === undefined) throw new Error(`${operation.operationId}: path parameter ${name} has no example`);
    return encodeURIComponent(String(example));
  });
}

/** The first 2xx response code and its documented example body. */
export function successExample(operation: SpecOperation): { status: number; example: Json } {
  const responses = operation.op.responses as JsonObject;
  const code = Object.keys(responses).find((c) => c.startsWith('2'));
  if (!code) throw new Error(`${operation.operationId}: no 2xx response`);
  const media = (deref<JsonObject>(responses[code]).content as JsonObject)['application/json'] as JsonObject;
  return { status: Number(code), example: media.example as Json };
}

export function requestExample(operation: SpecOperation): Json | undefined {
  const body = operation.op.requestBody ? deref<JsonObject>(operation.op.requestBody) : undefined;
  const media = (body?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  return media?.example as Json | undefined;
}
