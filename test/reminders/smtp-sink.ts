import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in this process (smtp-server): plain text, no authentication. */
export class SmtpSink {
  /** Messages accepted, parsed. */
  readonly messages: ParsedMail[] = [];
  /** Every message the server was handed, accepted or refused. */
  attempts = 0;
  /** While true, every message is refused with a temporary failure (451). */
  failing = false;
  url = '';
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      this.attempts += 1;
      simpleParser(stream)
        .then((mail) => {
          if (this.failing) return callback(Object.assign(new Error('Mailbox unavailable, try again later'), { responseCode: 451 }));
          this.messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });

  static async start(options: { failing?: boolean } = {}): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.failing = options.failing ?? false;
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.url = `smtp://127.0.0.1:${(sink.server.server.address() as AddressInfo).port}`;
    return sink;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
