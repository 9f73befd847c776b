import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { DomainError } from '@app/domain';
import { ocdsRecordPackageSchema, ocdsReleasePackageSchema } from '../schemas/ocds.schema';
import { threeSixtyGivingPackageSchema } from '../schemas/three-sixty-giving.schema';
import { transparencyContractsSchema, transparencyGrantsSchema, transparencySpendSchema } from '../schemas/transparency.schema';

export type DocumentKind = '360giving' | 'ocds-releases' | 'ocds-records' | 'transparency-contracts' | 'transparency-grants' | 'transparency-spend';

const LABEL: Record<DocumentKind, string> = {
  '360giving': '360Giving grant package',
  'ocds-releases': 'OCDS release package',
  'ocds-records': 'OCDS record package',
  'transparency-contracts': 'list of contracts',
  'transparency-grants': 'list of grants',
  'transparency-spend': 'list of spending over £500',
};

/** "/grants/3/amountAwarded" → "grants[3].amountAwarded", as the ledger names fields everywhere else. */
export function fieldOf(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part), '') || '(document)';
}

/** A missing field is named itself, as the ledger's other refusals name it. */
function problemOf(error: ErrorObject): { field: string; reason: string } {
  if (error.keyword !== 'required') return { field: fieldOf(error.instancePath), reason: error.message ?? error.keyword };
  const missing = String((error.params as { missingProperty: string }).missingProperty);
  return { field: fieldOf(`${error.instancePath}/${missing}`), reason: 'is required' };
}

type Validators = Record<DocumentKind, ValidateFunction>;
let compiled: Validators | undefined;

/** Compiled once per process: compiling a schema costs far more than checking a document. */
function validators(): Validators {
  if (compiled) return compiled;
  // multipleOfPrecision: amounts are decimal pounds, which binary floats only approximate.
  const modern = new Ajv2020({ allErrors: true, strict: true, multipleOfPrecision: 9 });
  const draft04 = new AjvDraft04({ allErrors: true, strict: true });
  addFormats(modern);
  addFormats(draft04);
  compiled = {
    '360giving': modern.compile(threeSixtyGivingPackageSchema),
    'transparency-contracts': modern.compile(transparencyContractsSchema),
    'transparency-grants': modern.compile(transparencyGrantsSchema),
    'transparency-spend': modern.compile(transparencySpendSchema),
    'ocds-releases': draft04.compile(ocdsReleasePackageSchema),
    'ocds-records': draft04.compile(ocdsRecordPackageSchema),
  };
  return compiled;
}

/**
 * Every document is checked against the project's schema of its standard before it is
 * served or written; one that fails is refused, naming the first failing path, and nothing
 * of it is published.
 */
export class DocumentValidator {
  /** The document, if valid; otherwise PUBLICATION_INVALID with every failing field and why. */
  check<T>(kind: DocumentKind, document: T): T {
    const validate = validators()[kind];
    if (validate(document)) return document;
    const errors = (validate.errors ?? []).slice(0, 20).map(problemOf);
    const first = errors[0] ?? { field: '(document)', reason: 'is invalid' };
    throw new DomainError(
      'PUBLICATION_INVALID',
      `The ${LABEL[kind]} was not published: ${first.field} ${first.reason}` + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''),
      { errors },
      first.field,
      first.reason,
    );
  }
}
