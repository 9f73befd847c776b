import { canonicalJson, chainHash, contentHash, contentHashOfCanonical, sha256Hex } from '@app/event-store';

describe('event hashing', () => {
  const event = {
    id: '7d9a5b0e-5c1f-4a7e-9a57-0b8d2f3c4e51',
    streamId: 'case-2016-17-B01',
    type: 'ContractAwarded',
    schemaVersion: 2,
    data: { valuePence: 37013600, provider: 'Leicestershire County Council', nested: { z: [1, 'two', null], a: true } },
    metadata: { recordedAt: '2016-04-01T09:00:00.000Z', actor: { role: 'opcc-staff', id: 'o-1' } },
  };

  it('hashes content from canonical JSON the same way on append and on verify', () => {
    const fromParts = contentHashOfCanonical({
      ...event,
      dataJson: canonicalJson(event.data),
      metadataJson: canonicalJson(event.metadata),
    });
    expect(fromParts).toBe(contentHash(event));
  });

  it('canonical JSON sorts keys and is insensitive to key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe('{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}');
    expect(contentHash({ ...event, data: { ...event.data } })).toBe(contentHash({ ...event, data: JSON.parse(JSON.stringify(event.data)) }));
  });

  it('any change of content changes the hash', () => {
    expect(contentHash({ ...event, data: { ...event.data, valuePence: 37013601 } })).not.toBe(contentHash(event));
    expect(contentHash({ ...event, type: 'ContractVaried' })).not.toBe(contentHash(event));
  });

  it('a chain link covers the previous hash, the revision and the content', () => {
    const content = contentHash(event);
    expect(chainHash(null, 0, content)).toBe(sha256Hex(`|0|${content}`));
    expect(chainHash('abc', 1, content)).not.toBe(chainHash('abd', 1, content));
    expect(chainHash('abc', 1, content)).not.toBe(chainHash('abc', 2, content));
  });
});
