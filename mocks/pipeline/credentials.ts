/**
 * Reads the API key from the four equivalent schemes (DESIGN.md "Auth schemes"):
 * `Authorization: Bearer KEY`, `Authorization: Api-Key KEY`, `X-API-Key: KEY`, `?api_key=KEY`.
 */
import type { MockRequest } from './mock-request.js';

/** Which scheme carried the key. */
export type CredentialScheme = 'bearer' | 'api-key' | 'x-api-key' | 'query';

/** The key a request carries, if any. */
export interface Credential {
  readonly key: string;
  readonly scheme: CredentialScheme;
}

/** The key of a request: the Authorization header first, then X-API-Key, then the query. */
export function readCredential(request: MockRequest, url: URL): Credential | null {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^(Bearer|Api-Key)\s+(\S+)\s*$/i.exec(authorization);
    if (match) return { key: match[2]!, scheme: match[1]!.toLowerCase() === 'bearer' ? 'bearer' : 'api-key' };
  }
  const header = request.headers.get('x-api-key');
  if (header && header.trim() !== '') return { key: header.trim(), scheme: 'x-api-key' };
  const query = url.searchParams.get('api_key');
  if (query) return { key: query, scheme: 'query' };
  return null;
}
