/**
 * Retention classes: how long the personal data in each kind of record is kept, and on
 * what basis. A UK public body's schedule keeps commissioning records six years after the
 * financial year they close in (Limitation Act 1980, s.5); an unsuccessful application
 * needs less. Erasure records which class it acted under.
 */
export interface RetentionClass {
  readonly id: string;
  readonly keepFor: string;
  readonly basis: string;
}

export const RETENTION_CLASSES: Readonly<Record<string, RetentionClass>> = {
  'commissioning-record': {
    id: 'commissioning-record',
    keepFor: '6 years after the end of the financial year in which the contract or agreement ends',
    basis: 'Limitation Act 1980 s.5; the PCC’s records retention schedule',
  },
  'grant-application': {
    id: 'grant-application',
    keepFor: '6 years after the end of the financial year of the decision (2 years when declined)',
    basis: 'PCC grant conditions; the PCC’s records retention schedule',
  },
  operational: {
    id: 'operational',
    keepFor: '2 years',
    basis: 'reminders and deadlines: needed only while the work is live and for its review',
  },
};

const CLASS_BY_EVENT_TYPE: Readonly<Record<string, string>> = {
  GrantApplicationReceived: 'grant-application',
  GrantApplicationAssessed: 'grant-application',
  GrantDeclined: 'grant-application',
  ReminderSent: 'operational',
  DeadlineMissed: 'operational',
};

/** Every event type has a class; anything not named above is a commissioning record. */
export const retentionClassOf = (eventType: string): RetentionClass =>
  RETENTION_CLASSES[CLASS_BY_EVENT_TYPE[eventType] ?? 'commissioning-record'];
