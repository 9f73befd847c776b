/** Multipart bodies written by hand, so that a test can make them wrong in every way a client can. */
export const BOUNDARY = 'ledger-boundary-7MA4YWxkTrZu0gW';
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** One part: a text field, or a file when `filename` is given (typed application/pdf unless told). */
export function part(name: string, value: Buffer | string, filename?: string, type = filename ? 'application/pdf' : undefined): Buffer {
  const disposition = `form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}`;
  const head = `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'), Buffer.from('\r\n')]);
}

/** The parts, closed by the final boundary. */
export const multipartBody = (...parts: Buffer[]): Buffer => Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
