import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { ACCESS_RULE, type AccessRule, bearerResponses } from './access.decorators';
import type { Grant } from './roles';

/** Setting a year's framework up (its import) or changing it (amendments, workflow versions). */
export type FrameworkAuthority = 'set-up' | 'change';

const SETTING = { 'set-up': 'FRAMEWORK_SETUP_ROLES', change: 'FRAMEWORK_CHANGE_ROLES' } as const;

/** The roles the configuration admits to set a framework up or change it. */
export const frameworkGrants = (config: Pick<AppConfig, (typeof SETTING)[FrameworkAuthority]>, authority: FrameworkAuthority): readonly Grant[] =>
  config[SETTING[authority]];

/** The grants of a route's rule; a configured rule is read from the configuration. */
export function grantsOfRule(rule: AccessRule, config: Pick<AppConfig, 'FRAMEWORK_SETUP_ROLES' | 'FRAMEWORK_CHANGE_ROLES'>): readonly Grant[] | undefined {
  if ('grants' in rule) return rule.grants;
  if ('frameworkAuthority' in rule) return frameworkGrants(config, rule.frameworkAuthority);
  return undefined;
}

/**
 * A route that sets a framework up or changes it: the roles it admits are configuration
 * (FRAMEWORK_SETUP_ROLES, FRAMEWORK_CHANGE_ROLES), so a PCC chooses who does this without a
 * release. The OpenAPI `x-access` shows the configured roles (resolveConfiguredAccess).
 */
export function FrameworkRoles(authority: FrameworkAuthority): MethodDecorator & ClassDecorator {
  const rule: AccessRule = { frameworkAuthority: authority };
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiExtension('x-access', rule),
    bearerResponses(`Admitted: the roles of the ${SETTING[authority]} setting (by default ${authority === 'set-up' ? 'admin' : 'opcc-staff, admin'})`),
  );
}

/** In an OpenAPI document, each configured `x-access` becomes the roles it admits under this configuration. */
export function resolveConfiguredAccess(paths: Record<string, object>, config: Pick<AppConfig, 'FRAMEWORK_SETUP_ROLES' | 'FRAMEWORK_CHANGE_ROLES'>): void {
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item) as Array<{ 'x-access'?: AccessRule }>) {
      const access = operation?.['x-access'];
      if (access && 'frameworkAuthority' in access) operation['x-access'] = { roles: frameworkGrants(config, access.frameworkAuthority) } as never;
    }
  }
}
