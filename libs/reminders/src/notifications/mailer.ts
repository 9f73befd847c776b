import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailSettings } from '../reminder-settings';
import type { Email } from './notification.render';

/**
 * Sends through SMTP_URL, or, with none configured, has nodemailer's own stream transport
 * compose the message and writes it to DATA_DIR/outbox/<event id>.eml. The file is
 * written beside and renamed into place, so a crash never leaves half a message.
 */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly mail: MailSettings) {
    this.transport = mail.smtpUrl
      ? createTransport(mail.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get describe(): string {
    return this.mail.smtpUrl ? `SMTP ${new URL(this.mail.smtpUrl).host}` : `.eml files in ${this.mail.outboxDir}`;
  }

  /** Returns where the message went (the SMTP server's reply, or the file written). */
  async send(email: Email, name: string): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.mail.from,
      to: email.to,
      ...(email.cc ? { cc: email.cc } : {}),
      subject: email.subject,
      text: email.text,
      messageId: email.messageId,
    });
    if (this.mail.smtpUrl) return String(info.response ?? 'sent');
    await mkdir(this.mail.outboxDir, { recursive: true });
    const file = join(this.mail.outboxDir, `${name}.eml`);
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
    return file;
  }

  close(): void {
    this.transport.close();
  }
}
