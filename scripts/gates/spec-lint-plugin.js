// Redocly CLI plugin: the OpsMerge API conventions (openapi/README.md) as lint rules.
// Each rule reports on the operation that breaks it; test/spec/lint-rules.test.ts gives
// every rule a small bad spec that must fail.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const STABILITY = ['stable', 'beta', 'internal'];
const OPERATION_ID = /^[a-z][A-Za-z0-9]*_[a-z][A-Za-z0-9]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STANDARD_HEADERS = ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
const DEPRECATION_HEADERS = ['Deprecation', 'Sunset', 'Link'];
const ERROR_SCHEMA_REF = /(^|\/)(common\.yaml)?#\/(components\/schemas\/)?Error$/;

function deref(ctx, node) {
  let current = node;
  for (let i = 0; i < 10 && current && typeof current === 'object' && typeof current.$ref === 'string'; i++) {
    current = ctx.resolve(current).node;
  }
  return current;
}

/** Calls `check(method, op, pathItem, path, location)` for every operation of a path item. */
function forEachOperation(check) {
  return {
    PathItem: {
      enter(item, ctx) {
        for (const method of METHODS) {
          const op = item[method];
          if (op && typeof op === 'object') check(method, op, item, ctx.key, ctx.location.child([method]), ctx);
        }
      },
    },
  };
}

function parametersOf(ctx, item, op) {
  return [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(ctx, p)).filter(Boolean);
}

function responseSchema(ctx, response) {
  const r = deref(ctx, response);
  const media = r?.content?.['application/json'];
  return { response: r, media, schema: media?.schema };
}

const isAuthenticated = (op, root) => (op.security ?? root.security ?? []).length > 0;

function rule(check) {
  return () => forEachOperation(check);
}

let root = {};
const rememberRoot = { Root: { enter(node) { root = node; } } };

export default function opsmergePlugin() {
  return {
    id: 'opsmerge',
    rules: {
      oas3: {
        'operation-stability': rule((method, op, item, path, loc, ctx) => {
          if (!STABILITY.includes(op['x-stability'])) {
            ctx.report({
              message: `${method.toUpperCase()} ${path}: x-stability must be one of ${STABILITY.join(', ')}.`,
              location: loc.child(['x-stability']).key(),
            });
          }
        }),
        'operation-id-format': rule((method, op, item, path, loc, ctx) => {
          if (!OPERATION_ID.test(op.operationId ?? '')) {
            ctx.report({
              message: `${method.toUpperCase()} ${path}: operationId "${op.operationId ?? ''}" must be <resource>_<method> in camelCase (e.g. agents_list).`,
              location: loc.child(['operationId']),
            });
          }
        }),
        'operation-scopes': rule((method, op, item, path, loc, ctx) => {
          const scopes = op['x-required-scopes'];
          if (!Array.isArray(scopes)) {
            ctx.report({ message: `${op.operationId}: x-required-scopes (a list) is missing.`, location: loc.child(['x-required-scopes']).key() });
            return;
          }
          if (!isAuthenticated(op, root)) return;
          const oauth = (op.security ?? []).find((req) => req && 'OAuth2' in req);
          const oauthScopes = oauth ? [...oauth.OAuth2].sort().join(',') : undefined;
          if (oauthScopes !== [...scopes].sort().join(',')) {
            ctx.report({
              message: `${op.operationId}: the OAuth2 security requirement must list the same scopes as x-required-scopes (${scopes.join(', ') || 'none'}).`,
              location: loc.child(['security']),
            });
          }
        }),
        'auth-error-responses': rule((method, op, item, path, loc, ctx) => {
          const responses = op.responses ?? {};
          const required = ['500', '503'];
          if (isAuthenticated(op, root)) required.push('401', '403', '429');
          if (parametersOf(ctx, item, op).some((p) => p.in === 'path')) required.push('404');
          if (op.requestBody || parametersOf(ctx, item, op).some((p) => p.in === 'query')) required.push('422');
          if (op.requestBody) required.push('400');
          const missing = required.filter((code) => !(code in responses));
          if (missing.length > 0) {
            ctx.report({
              message: `${op.operationId}: missing error responses ${missing.sort().join(', ')}.`,
              location: loc.child(['responses']),
            });
          }
        }),
        'error-response-schema': rule((method, op, item, path, loc, ctx) => {
          for (const [code, response] of Object.entries(op.responses ?? {})) {
            if (!/^[45]/.test(code)) continue;
            const { schema } = responseSchema(ctx, response);
            if (!schema || typeof schema.$ref !== 'string' || !ERROR_SCHEMA_REF.test(schema.$ref)) {
              ctx.report({
                message: `${op.operationId}: the ${code} response must use the shared Error schema (components/schemas/common.yaml#/Error).`,
                location: loc.child(['responses', code]),
              });
            }
          }
        }),
        'response-headers': rule((method, op, item, path, loc, ctx) => {
          for (const [code, response] of Object.entries(op.responses ?? {})) {
            const r = deref(ctx, response);
            const missing = STANDARD_HEADERS.filter((h) => !(r?.headers && h in r.headers));
            if (code === '429' && !(r?.headers && 'Retry-After' in r.headers)) missing.push('Retry-After');
            if (missing.length > 0) {
              ctx.report({
                message: `${op.operationId}: the ${code} response must declare the headers ${missing.join(', ')}.`,
                location: loc.child(['responses', code]),
              });
            }
          }
        }),
        'response-example': rule((method, op, item, path, loc, ctx) => {
          for (const [code, response] of Object.entries(op.responses ?? {})) {
            const { media, response: r } = responseSchema(ctx, response);
            if (!r?.content) continue;
            if (!media || (media.example === undefined && !media.examples)) {
              ctx.report({
                message: `${op.operationId}: the ${code} response needs an example.`,
                location: loc.child(['responses', code]),
              });
            }
          }
        }),
        'list-envelope': rule((method, op, item, path, loc, ctx) => {
          const isList = /_list[A-Z]?/.test(op.operationId ?? '') && method === 'get';
          if (!isList) return;
          const names = parametersOf(ctx, item, op).map((p) => `${p.in}:${p.name}`);
          const missingParams = ['query:page', 'query:per_page'].filter((n) => !names.includes(n));
          if (missingParams.length > 0) {
            ctx.report({
              message: `${op.operationId}: a list operation must take the page and per_page parameters (missing ${missingParams.map((n) => n.slice(6)).join(', ')}).`,
              location: loc.child(['parameters']),
            });
          }
          const { schema } = responseSchema(ctx, op.responses?.['200']);
          const wrapper = deref(ctx, schema);
          const data = deref(ctx, wrapper?.properties?.data);
          const props = data?.properties ?? {};
          const missing = ['items', 'total', 'page', 'per_page'].filter((p) => !(p in props));
          if (data?.properties?.items && deref(ctx, data.properties.items)?.type !== 'array') missing.push('items as an array');
          if (missing.length > 0) {
            ctx.report({
              message: `${op.operationId}: a list must answer {"data": {"items", "total", "page", "per_page"}} (missing ${missing.join(', ')}).`,
              location: loc.child(['responses', '200']),
            });
          }
        }),
        'post-idempotency-key': rule((method, op, item, path, loc, ctx) => {
          if (method !== 'post') return;
          const has = parametersOf(ctx, item, op).some((p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
          if (!has) {
            ctx.report({ message: `${op.operationId}: a POST must accept the Idempotency-Key header.`, location: loc.child(['parameters']) });
          }
        }),
        'deprecated-sunset': rule((method, op, item, path, loc, ctx) => {
          if (op.deprecated !== true) return;
          const sunset = op['x-sunset'];
          const since = op['x-deprecated-at'];
          if (typeof sunset !== 'string' || !DATE.test(sunset)) {
            ctx.report({ message: `${op.operationId}: a deprecated operation needs x-sunset (YYYY-MM-DD).`, location: loc.child(['deprecated']) });
          } else if (typeof since !== 'string' || !DATE.test(since)) {
            ctx.report({ message: `${op.operationId}: a deprecated operation needs x-deprecated-at (YYYY-MM-DD).`, location: loc.child(['deprecated']) });
          } else {
            const minSunset = new Date(`${since}T00:00:00Z`);
            minSunset.setUTCMonth(minSunset.getUTCMonth() + 6);
            if (new Date(`${sunset}T00:00:00Z`) < minSunset && op['x-stability'] === 'stable') {
              ctx.report({ message: `${op.operationId}: a stable operation's sunset must be at least 6 months after its deprecation (${since} → ${sunset}).`, location: loc.child(['x-sunset']) });
            }
          }
          if (typeof op['x-successor'] !== 'string') {
            ctx.report({ message: `${op.operationId}: a deprecated operation must name its successor in x-successor.`, location: loc.child(['deprecated']) });
          }
          for (const [code, response] of Object.entries(op.responses ?? {})) {
            if (!/^2/.test(code)) continue;
            const r = deref(ctx, response);
            const missing = DEPRECATION_HEADERS.filter((h) => !(r?.headers && h in r.headers));
            if (missing.length > 0) {
              ctx.report({ message: `${op.operationId}: the ${code} response of a deprecated operation must declare ${missing.join(', ')}.`, location: loc.child(['responses', code]) });
            }
          }
        }),
        'rate-limit-group': () => ({
          ...rememberRoot,
          ...forEachOperation((method, op, item, path, loc, ctx) => {
            const groups = Object.keys(root['x-rate-limit-groups'] ?? {});
            const group = op['x-rate-limit-group'];
            if (group !== undefined && !groups.includes(group)) {
              ctx.report({ message: `${op.operationId}: x-rate-limit-group "${group}" is not declared in x-rate-limit-groups.`, location: loc.child(['x-rate-limit-group']) });
            }
            if (path.startsWith('/v1/events/') && group !== 'events') {
              ctx.report({ message: `${op.operationId}: the events endpoints have their own limit: x-rate-limit-group must be "events".`, location: loc });
            }
          }),
        }),
      },
    },
  };
}
