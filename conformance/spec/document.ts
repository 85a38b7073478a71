/**
 * The spec the suite is generated from: the bundled OpenAPI 3.1 document the SDK ships
 * (`@opsmerge/sdk/openapi.json`), read as plain JSON, with local `$ref` resolution.
 */
import document from '@opsmerge/sdk/openapi.json' with { type: 'json' };

/** A JSON object of the spec (a schema, a parameter, a response…), read loosely. */
export type SpecNode = Readonly<Record<string, unknown>>;

/** A JSON Schema of the spec: an object, or `true` / `false`. */
export type Schema = SpecNode | boolean;

/** The spec document. */
export const SPEC: SpecNode = document as unknown as SpecNode;

/** Reads a local reference (`#/components/schemas/Agent`); throws naming it when it does not resolve. */
export function resolveRef(ref: string, root: SpecNode = SPEC): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) throw new Error(`unresolvable reference ${ref}`);
    node = (node as SpecNode)[key];
  }
  return node;
}

/** Follows `$ref` until a node without one (a non-object is returned as an empty object). */
export function deref(value: unknown, root: SpecNode = SPEC): SpecNode {
  let node = value;
  for (let hops = 0; hops < 16; hops++) {
    if (node === null || typeof node !== 'object') return {};
    const ref = (node as SpecNode)['$ref'];
    if (typeof ref !== 'string') return node as SpecNode;
    node = resolveRef(ref, root);
  }
  throw new Error('reference chain longer than 16 hops');
}

/** The object at `key` of a node, or an empty object. */
export function objectAt(node: SpecNode, key: string): SpecNode {
  const value = node[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SpecNode) : {};
}
