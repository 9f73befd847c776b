import { connect, type Socket } from 'node:net';

export type ScanVerdict = { readonly status: 'clean'; readonly engine: string } | { readonly status: 'infected'; readonly signature: string };

export class ScannerUnavailable extends Error {
  readonly code = 'SCANNER_UNAVAILABLE';
  constructor(reason: string) {
    super(`The virus scanner cannot be reached just now (${reason}); the document was not accepted. Try again shortly.`);
  }
}

/** Where clamd listens: tcp://host:3310, unix:///run/clamav/clamd.ctl, or a socket path. */
export function clamdAddress(url: string): { host: string; port: number } | { path: string } {
  if (url.startsWith('tcp://')) {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: Number(parsed.port || 3310) };
  }
  return { path: url.replace(/^unix:\/\//, '') };
}

const CHUNK = 64 * 1024;

/**
 * clamd's INSTREAM command over its socket: the bytes in length-prefixed chunks, then a
 * zero length; clamd answers "stream: OK" or "stream: <signature> FOUND". The protocol is
 * a dozen lines; the npm wrappers of it add a dependency on clamscan binaries we do not use.
 */
export class ClamdScanner {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 60_000,
  ) {}

  get describe(): string {
    return `ClamAV (clamd at ${this.url})`;
  }

  async version(): Promise<string> {
    return (await this.exchange(Buffer.from('zVERSION\0'), [])).replace(/\0/g, '').trim();
  }

  async scan(bytes: Buffer): Promise<ScanVerdict> {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const part = bytes.subarray(at, at + CHUNK);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(part.length);
      chunks.push(size, part);
    }
    chunks.push(Buffer.alloc(4));
    const reply = (await this.exchange(Buffer.from('zINSTREAM\0'), chunks)).replace(/\0/g, '').trim();
    if (/^stream: OK$/.test(reply)) return { status: 'clean', engine: await this.version().catch(() => 'ClamAV') };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { status: 'infected', signature: found[1] };
    throw new ScannerUnavailable(`clamd answered "${reply}"`);
  }

  private exchange(command: Buffer, body: readonly Buffer[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket: Socket = connect(clamdAddress(this.url));
      const received: Buffer[] = [];
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      socket.on('connect', () => {
        socket.write(command);
        for (const chunk of body) socket.write(chunk);
      });
      socket.on('data', (data) => {
        received.push(data);
        // Every z-command's answer ends with a NUL; clamd then closes the connection.
        if (data.includes(0)) socket.end();
      });
      socket.on('error', (error) => reject(new ScannerUnavailable(error.message)));
      socket.on('close', () => resolve(Buffer.concat(received).toString('utf8')));
    });
  }
}
