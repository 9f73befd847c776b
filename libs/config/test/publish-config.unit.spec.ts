import { ConfigError, loadConfig } from '@app/config';

describe('publishing settings', () => {
  it('defaults to the example prefixes, the OGL and closed open data', () => {
    expect(loadConfig({})).toMatchObject({
      PUBLISH_360G_PREFIX: 'ledger',
      PUBLISH_OCID_PREFIX: 'ocds-ledger',
      PUBLISH_FUNDER_NAME: 'Police and Crime Commissioner',
      PUBLISH_LICENSE: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      PUBLISH_OPEN: false,
    });
    expect(loadConfig({}).PUBLISH_FUNDER_ID).toBeUndefined();
  });

  it('takes a registered publisher’s own', () => {
    const config = loadConfig({ PUBLISH_360G_PREFIX: 'leicspcc', PUBLISH_OCID_PREFIX: 'ocds-a1b2c3', PUBLISH_FUNDER_ID: 'GB-GOV-123', PUBLISH_OPEN: 'true' });
    expect(config).toMatchObject({ PUBLISH_360G_PREFIX: 'leicspcc', PUBLISH_OCID_PREFIX: 'ocds-a1b2c3', PUBLISH_FUNDER_ID: 'GB-GOV-123', PUBLISH_OPEN: true });
  });

  it.each([
    [{ PUBLISH_OCID_PREFIX: 'ocds-toolong' }, /PUBLISH_OCID_PREFIX must be an ocid prefix/],
    [{ PUBLISH_360G_PREFIX: '360G-leics' }, /PUBLISH_360G_PREFIX must be the publisher prefix after "360G-"/],
    [{ PUBLISH_LICENSE: 'OGL' }, /PUBLISH_LICENSE must be an http/],
    [{ PUBLISH_FUNDER_ID: 'the PCC' }, /PUBLISH_FUNDER_ID must be an org-id.guide identifier/],
  ])('refuses %j, saying why', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
