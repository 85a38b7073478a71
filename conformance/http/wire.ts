/**
 * A request as it goes on the wire, built from a case: the URL with percent-encoded path
 * parameters and the query, the headers (credentials included), the body text. The same value
 * is sent by the transport and printed as a curl line, so a reproduction is byte for byte what
 * was sent.
 */
import type { RequestCase } from '../generate/cases.js';

/** How a request authenticates. */
export type Credential =
  /** The run's key (`--api-key`), as `Authorization: Bearer`. */
  | { readonly kind: 'key'; readonly key: string }
  /** Another key the run created (revoked, narrow), shown as an environment variable in curl lines. */
  | { readonly kind: 'other-key'; readonly key: string; readonly variable: string }
  /** A value that is not a key at all (a malformed key); safe to print. */
  | { readonly kind: 'malformed'; readonly header: string }
  /** No credentials. */
  | { readonly kind: 'none' };

/** An HTTP request, ready to send. */
export interface WireRequest {
  readonly method: string;
  /** The full URL. */
  readonly url: string;
  /** Header name → value, without credentials (see `credential`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly credential: Credential;
  readonly body: string | undefined;
}

/** The headers to send: the request's own plus its credential. */
export function headersToSend(request: WireRequest): Record<string, string> {
  const c = request.credential;
  const auth = c.kind === 'key' || c.kind === 'other-key' ? `Bearer ${c.key}` : c.kind === 'malformed' ? c.header : undefined;
  return { ...request.headers, ...(auth === undefined ? {} : { Authorization: auth }) };
}

/** Fills a path template: each `{name}` becomes its value, percent-encoded. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the path parameter ${name} of ${template}`);
    return encodeURIComponent(value);
  });
}

/** `base` + `path` + query, keeping the base URL's own path (`https://host/api` + `/v1/agents`). */
export function joinUrl(baseUrl: string, path: string, query: Readonly<Record<string, string>> = {}): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  return url.href;
}

/** The wire form of a case of an operation at `path` with `method`. */
export function wireRequest(c: RequestCase, method: string, pathTemplate: string, baseUrl: string, credential: Credential): WireRequest {
  const headers: Record<string, string> = { Accept: 'application/json', ...c.headers };
  let body: string | undefined;
  if (c.body !== undefined) {
    if ('json' in c.body) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(c.body.json);
    } else {
      headers['Content-Type'] = c.body.contentType;
      body = c.body.raw;
    }
  }
  return { method, url: joinUrl(baseUrl, fillPath(pathTemplate, c.path), c.query), headers, credential, body };
}
