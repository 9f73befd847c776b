import type { AppConfig } from '@app/config';

/** Who publishes, under which registered prefixes and licence: from configuration, never from a request. */
export interface PublishingSettings {
  /** 360Giving publisher prefix, after "360G-". */
  readonly grantPrefix: string;
  /** OCDS ocid prefix, "ocds-" and six characters. */
  readonly ocidPrefix: string;
  readonly funder: { readonly id: string; readonly name: string };
  readonly license: string;
  /** Where the publications are served from, for the packages' own uri. */
  readonly publicUrl: string;
}

export const PUBLISHING_SETTINGS = Symbol('PUBLISHING_SETTINGS');

export function publishingSettings(config: AppConfig): PublishingSettings {
  return {
    grantPrefix: config.PUBLISH_360G_PREFIX,
    ocidPrefix: config.PUBLISH_OCID_PREFIX,
    funder: { id: config.PUBLISH_FUNDER_ID ?? `360G-${config.PUBLISH_360G_PREFIX}`, name: config.PUBLISH_FUNDER_NAME },
    license: config.PUBLISH_LICENSE,
    publicUrl: config.PUBLIC_URL,
  };
}
