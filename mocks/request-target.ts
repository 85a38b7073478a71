/**
 * The request target of an HTTP/1.1 request line, read as sent (RFC 9112 §3.2): nothing in it
 * is decoded or normalised, so routing can refuse what `new URL()` would quietly turn into
 * another path. @internal
 */

/** A request target: its path and query, `*`, or why it is unusable. */
export type RequestTarget = { readonly path: string; readonly search: string } | { readonly asterisk: true } | { readonly invalid: string };

/**
 * Reads origin-form (`/v1/agents?page=2`), absolute-form (`http://host/v1/agents`: its path and
 * query; an empty path is `/`) and asterisk-form (`*`). A fragment, which clients never send, is
 * dropped. Anything else (authority-form, another scheme) is invalid.
 */
export function parseRequestTarget(raw: string): RequestTarget {
  if (raw === '*') return { asterisk: true };
  let rest: string;
  if (raw.startsWith('/')) rest = raw;
  else {
    const absolute = /^https?:\/\/[^/?#]*(.*)$/i.exec(raw);
    if (!absolute) return { invalid: `The request target must be a path or an http(s) URL, got ${JSON.stringify(raw.slice(0, 100))}` };
    rest = absolute[1]!.startsWith('/') ? absolute[1]! : `/${absolute[1]!}`;
  }
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const query = rest.indexOf('?');
  return query === -1 ? { path: rest, search: '' } : { path: rest.slice(0, query), search: rest.slice(query) };
}
