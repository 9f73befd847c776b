import { randomBytes, randomUUID } from 'node:crypto';
import { openValue, sealedSubject, sealValue } from '@app/personal-data';

describe('a sealed personal field', () => {
  const subject = randomUUID();
  const key = randomBytes(32);

  it('opens with its subject’s key, names the subject, and shows nothing of the plaintext', () => {
    const sealed = sealValue(subject, key, 'jo.bloggs@example.org');
    expect(sealed.startsWith(`pd1.${subject}.`)).toBe(true);
    expect(sealed).not.toContain('jo.bloggs');
    expect(sealedSubject(sealed)).toBe(subject);
    expect(openValue(sealed, key)).toBe('jo.bloggs@example.org');
  });

  it('is the same text for the same value (a retried append stores the same event), different for another', () => {
    expect(sealValue(subject, key, 'Jo Bloggs')).toBe(sealValue(subject, key, 'Jo Bloggs'));
    expect(sealValue(subject, key, 'Jo Bloggs')).not.toBe(sealValue(subject, key, 'Jo Blogs'));
  });

  it('cannot be opened with another key, or moved to another subject', () => {
    const sealed = sealValue(subject, key, 'Jo Bloggs');
    expect(() => openValue(sealed, randomBytes(32))).toThrow();
    expect(() => openValue(sealed.replace(subject, randomUUID()), key)).toThrow();
  });

  it('is not mistaken for ordinary text', () => {
    expect(sealedSubject('Go-Getta CIC')).toBeUndefined();
    expect(sealedSubject('pd1.not-a-subject.x.y')).toBeUndefined();
  });
});
