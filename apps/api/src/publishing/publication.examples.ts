/** Short, real-shaped examples for /docs, from the 2016/17 framework. */
export const THREE_SIXTY_GIVING_EXAMPLE = {
  version: '1.4',
  license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  grants: [
    {
      id: '360G-ledger-2016-17-B51',
      title: 'Blaby PLF',
      description: 'Blaby PLF',
      currency: 'GBP',
      amountAwarded: 29700,
      awardDate: '2015-10-23',
      plannedDates: [{ startDate: '2016-04-01', endDate: '2017-03-31' }],
      recipientOrganization: [{ id: 'GB-LAE-BLA', name: 'Blaby District Council' }],
      fundingOrganization: [{ id: '360G-ledger', name: 'Police and Crime Commissioner' }],
      beneficiaryLocation: [{ name: 'Blaby', countryCode: 'GB', geoCode: 'E07000129', geoCodeType: 'NMD' }],
      grantProgramme: [{ code: 'plf', title: 'Partnership Locality Fund' }],
      dateModified: '2015-10-23T09:00:00.000Z',
    },
  ],
};

const release = {
  ocid: 'ocds-ledger-2016-17-D-crimestoppers',
  id: '0b6c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  date: '2016-05-10T12:00:00+01:00',
  tag: ['tender'],
  initiationType: 'tender',
  parties: [
    { id: '360G-ledger', name: 'Police and Crime Commissioner', roles: ['buyer'] },
    { id: '360G-ledger-org-crimestoppers-trust', name: 'Crimestoppers Trust', roles: ['tenderer'] },
  ],
  buyer: { id: '360G-ledger', name: 'Police and Crime Commissioner' },
  tender: {
    id: 'ocds-ledger-2016-17-D-crimestoppers-tender',
    title: 'Anonymous reporting line',
    status: 'complete',
    procurementMethod: 'limited',
    procurementMethodDetails: 'Single-provider dispensation',
    procurementMethodRationale: 'The only national anonymous reporting line',
    numberOfTenderers: 1,
    tenderers: [{ id: '360G-ledger-org-crimestoppers-trust', name: 'Crimestoppers Trust' }],
  },
};

const head = {
  version: '1.1',
  publishedDate: '2017-03-31T22:59:59.999Z',
  publisher: { name: 'Police and Crime Commissioner' },
  license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

export const OCDS_RELEASES_EXAMPLE = { uri: 'http://localhost:3000/open-data/ocds/releases?financialYear=2016-17', ...head, releases: [release] };

export const OCDS_RECORDS_EXAMPLE = {
  uri: 'http://localhost:3000/open-data/ocds/records?financialYear=2016-17',
  ...head,
  records: [{ ocid: release.ocid, releases: [release], compiledRelease: { ...release, id: `${release.ocid}-${release.date}`, tag: ['compiled'] } }],
};

export const CONTRACTS_CSV_EXAMPLE =
  'reference,title,supplier,value,start,end,awarded,mechanism,purpose,status\r\n' +
  '2016-17-B22,Victim First,Catch 22,634384.00,2016-04-01,2017-03-31,2015-10-23,Direct commissioning,Victim First,active\r\n';

export const GRANTS_CSV_EXAMPLE =
  'reference,title,recipient,value,start,end,awarded,mechanism,purpose,conditions,reasons,status\r\n' +
  '2016-17-B27,Street Sport,Community Projects Plus,23800.00,2016-04-01,2017-03-31,2015-10-23,PCC Grant,Street Sport,' +
  '"As agreed with the provider; the framework document does not set it out","Theme: Supporting victims and witnesses; SP8: To prevent ASB and to continuously improve the quality of service and response to victims of anti-social behaviour",active\r\n';

export const LIST_JSON_EXAMPLE = {
  list: 'contracts',
  financialYear: '2016-17',
  publishedDate: '2017-03-31T22:59:59.999Z',
  rows: [
    {
      reference: '2016-17-B22',
      title: 'Victim First',
      supplier: 'Catch 22',
      value: '634384.00',
      start: '2016-04-01',
      end: '2017-03-31',
      awarded: '2015-10-23',
      mechanism: 'Direct commissioning',
      purpose: 'Victim First',
      status: 'active',
    },
  ],
};

export const SPEND_CSV_EXAMPLE =
  'month,paid,reference,title,supplier,value,mechanism,purpose,paymentRef\r\n' +
  '2016-07,2016-07-08,2016-17-B22,Victim First,Catch 22,158596.00,Direct commissioning,Victim First,BACS-2016-0712\r\n';

export const SPEND_JSON_EXAMPLE = {
  list: 'spend',
  financialYear: '2016-17',
  publishedDate: '2017-03-31T22:59:59.999Z',
  rows: [
    {
      month: '2016-07',
      paid: '2016-07-08',
      reference: '2016-17-B22',
      title: 'Victim First',
      supplier: 'Catch 22',
      value: '158596.00',
      mechanism: 'Direct commissioning',
      purpose: 'Victim First',
      paymentRef: 'BACS-2016-0712',
    },
  ],
};
