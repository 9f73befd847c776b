import { getMetadataStorage } from 'class-validator';
import { CASE_COMMAND_ACCESS, pathParametersOf, type PersonCaseCommand } from '@app/auth';
import { CASE_COMMAND_REQUESTS } from '@app/case-requests';

const PERSON_COMMANDS = Object.keys(CASE_COMMAND_ACCESS) as PersonCaseCommand[];

/** The properties a class's validation rules name. */
const ruled = (target: Function): string[] => [
  ...new Set(getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).map((rule) => rule.propertyName)),
];

describe('the request rules of every case command a person gives', () => {
  it('covers exactly the commands of CASE_COMMAND_ACCESS', () => {
    expect(Object.keys(CASE_COMMAND_REQUESTS).sort()).toEqual([...PERSON_COMMANDS].sort());
  });

  it.each(PERSON_COMMANDS)('%s: its body has a request class whose rules name each field, its business date among them', (type) => {
    const { body } = CASE_COMMAND_REQUESTS[type];
    expect(typeof body).toBe('function');
    expect(ruled(body)).toContain('on');
  });

  it.each(PERSON_COMMANDS)('%s: what its path names has rules, and its body neither repeats them nor takes what the adapter adds', (type) => {
    const { body, path, adds = [] } = CASE_COMMAND_REQUESTS[type];
    const parameters = pathParametersOf(type);
    expect(path ? ruled(path).sort() : []).toEqual([...parameters].sort());
    expect(ruled(body).filter((field) => parameters.includes(field) || (adds as readonly string[]).includes(field))).toEqual([]);
  });
});
