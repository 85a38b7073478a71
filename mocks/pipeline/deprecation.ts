/**
 * Headers of a deprecated operation: `Deprecation: @<epoch seconds>` (RFC 9745),
 * `Sunset: <HTTP-date>` (RFC 8594) and `Link` to the notice and the policy (RFC 8288).
 */
import type { OperationInfo } from '@opsmerge/sdk';

const DOCS = 'https://app.opsmerge.cloud/api/docs';

/** The deprecation headers of an operation, or none when it is not deprecated. */
export function deprecationHeaders(operation: OperationInfo): Record<string, string> {
  if (!operation.deprecated) return {};
  const headers: Record<string, string> = {};
  const links = [`<${DOCS}/changelog#${operation.operationId}>; rel="deprecation"; type="text/html"`];
  if (operation.deprecatedAt) headers['Deprecation'] = `@${Math.floor(Date.parse(`${operation.deprecatedAt}T00:00:00Z`) / 1000)}`;
  if (operation.sunset) {
    headers['Sunset'] = new Date(`${operation.sunset}T00:00:00Z`).toUTCString();
    links.push(`<${DOCS}/stability>; rel="sunset"; type="text/html"`);
  }
  headers['Link'] = links.join(', ');
  return headers;
}
