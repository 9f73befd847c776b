import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Grant } from './roles';

export const ACCESS_RULE = 'ledger:access-rule';

/** Who may call a route. A route without one is refused to everyone: the default is deny. */
export type AccessRule =
  | { readonly public: true }
  | { readonly grants: readonly Grant[] }
  /** The grants of the case command the route parameter names (CASE_COMMAND_ACCESS by path). */
  | { readonly commandAtParam: string }
  /** The roles the configuration admits to set a framework up or change it (framework-access.ts). */
  | { readonly frameworkAuthority: 'set-up' | 'change' };

const problem = (status: number, code: string, detail: string) => ({
  'application/problem+json': { example: { type: `https://commissioning-ledger.org.uk/problems/${code.toLowerCase()}`, title: code[0] + code.slice(1).toLowerCase(), status, code, detail } },
});

const SCOPED: Record<string, string> = { 'csp:own-case': "csp (a case of the user's own locality)", 'csp:own-locality': "csp (filtered to the user's own locality)" };
const inWords = (grant: Grant): string => SCOPED[grant] ?? grant;

/** Anyone, with or without a token: health, metrics. */
export function Public(): MethodDecorator & ClassDecorator {
  const rule: AccessRule = { public: true };
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiExtension('x-access', rule));
}

/**
 * The roles a route admits, each a Grant. The same rule goes to the guard and, as
 * `x-access`, to the OpenAPI document, so what /docs shows is what the API enforces and a
 * test can find any route that has no rule. On a method it overrides its controller's.
 */
export function Roles(...grants: [Grant, ...Grant[]]): MethodDecorator & ClassDecorator {
  const rule: AccessRule = { grants };
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiExtension('x-access', { roles: grants }),
    bearerResponses(`Admitted: ${grants.map(inWords).join(', ')}`),
  );
}

/** Bearer auth, and the 401 and 403 a route refuses with; `admitted` says who is admitted. */
export function bearerResponses(admitted: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'No bearer token, or one that is malformed, expired or not signed by a trusted key. Nothing is appended.',
      content: problem(401, 'UNAUTHENTICATED', 'Authorization: the token has expired'),
    }),
    ApiForbiddenResponse({
      description: `The token's role, or a CSP user's locality, is not admitted here. ${admitted}. Nothing is appended.`,
      content: problem(403, 'FORBIDDEN', 'role auditor may not call POST /cases/{caseId}/plan'),
    }),
  );
}

/** The roles of the case command a route parameter names, from CASE_COMMAND_ACCESS: one table for the API and the web app. */
export function RolesOfCommand(param: string): MethodDecorator {
  const rule: AccessRule = { commandAtParam: param };
  return applyDecorators(SetMetadata(ACCESS_RULE, rule));
}
