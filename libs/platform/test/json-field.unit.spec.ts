import { INPUT_LIMITS, isInputRefused, parseJsonField } from '@app/platform';

/** What parseJsonField refuses, and the field and reason it names (the problem a web form shows). */
function refusal(bytes: Buffer | string): { field: string; reason: string } {
  try {
    parseJsonField(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), 'document', 'is not a framework document');
  } catch (error) {
    if (!isInputRefused(error)) throw error;
    return error.problem.errors![0];
  }
  throw new Error('it was accepted');
}

describe('a JSON document in a form field', () => {
  it('parses a document within every limit', () => {
    expect(parseJsonField(Buffer.from('{"financialYear":"2017-18","lines":[{"valuePence":100}]}'), 'document')).toEqual({ financialYear: '2017-18', lines: [{ valuePence: 100 }] });
  });

  it('names the field and the reason for each way a document is refused', () => {
    expect(refusal(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({ field: 'document', reason: 'is not well-formed UTF-8' });
    expect(refusal('financialYear: 2017-18')).toEqual({ field: 'document', reason: 'is not a framework document' });
    expect(refusal(`{"a":${'['.repeat(INPUT_LIMITS.depth + 5)}${']'.repeat(INPUT_LIMITS.depth + 5)}}`).reason).toContain(`${INPUT_LIMITS.depth + 6} levels deep`);
    expect(refusal(`${'['.repeat(200_000)}${']'.repeat(200_000)}`).reason).toContain('more than 10,000 levels deep');
    expect(refusal('{"__proto__":{"admin":true}}').field).toBe('document.__proto__');
    expect(refusal('{"lines":[{"title":"\\ud800"}]}').field).toBe('document.lines[0].title');
    expect(refusal('{"lines":[{"valuePence":1e300}]}').field).toBe('document.lines[0].valuePence');
  });

  it('accepts a document exactly at the depth limit', () => {
    const deepest = `${'['.repeat(INPUT_LIMITS.depth)}${']'.repeat(INPUT_LIMITS.depth)}`;
    expect(() => parseJsonField(Buffer.from(deepest), 'document')).not.toThrow();
  });
});
