/** Small real files of each kind, made in the test rather than shipped. */
export const pdf = (text = 'Blaby CSP plan 2016/17', padTo = 0): Buffer => {
  const body = `%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n`;
  const pad = padTo > body.length ? `%${'x'.repeat(padTo - body.length - 7)}\n` : '';
  return Buffer.concat([Buffer.from(body, 'latin1'), Buffer.from(pad), Buffer.from('%%EOF\n')]);
};

/** A 1×1 PNG. */
export const png = (): Buffer =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export const csv = (): Buffer => Buffer.from('line,description,pence\nasb-caseworker,Part-time ASB caseworker,1450000\n', 'utf8');

/** A Windows executable's first bytes (the MZ header), whatever it is named. */
export const exe = (): Buffer => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(256, 0)]);

export const html = (): Buffer => Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>', 'utf8');

/** The EICAR anti-virus test file: harmless, and detected by every scanner as a test virus. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
