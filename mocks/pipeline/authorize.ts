/**
 * May the caller run this operation? The owner's role is checked first (403 `FORBIDDEN`),
 * then the key's scopes (403 `INSUFFICIENT_SCOPE`, `details` naming each missing scope):
 * scopes narrow a role, never widen it (DESIGN.md "Scopes").
 */
import type { OperationInfo } from '@opsmerge/sdk';
import { missingScopes } from '../scopes.js';
import type { Principal } from './authenticate.js';
import { MockApiError } from './errors.js';

/** Throws unless the principal may run `operation`. */
export function authorize(operation: OperationInfo, principal: Principal): void {
  const required = operation.scopes;
  if (required.length === 0) return;
  const rolePermissions = principal.role?.permissions ?? [];
  if (missingScopes(rolePermissions, required).length > 0) {
    throw new MockApiError('FORBIDDEN', `Your role (${principal.role?.name ?? principal.user.role_id}) does not allow ${operation.operationId}`);
  }
  const missing = missingScopes(principal.key.scopes, required);
  if (missing.length > 0) {
    throw new MockApiError('INSUFFICIENT_SCOPE', `This API key lacks the scope ${missing.join(', ')}`, {
      details: missing.map((scope) => ({ scope, message: 'required scope is missing' })),
    });
  }
}
