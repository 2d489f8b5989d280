// Sends email: over SMTP locally (a development mail server), through Amazon SES (SESv2) in AWS. Nothing else in the
// service touches the mail driver.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage } from '../domain/email-message';

export interface MailTransport {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export function nodemailerTransport(transporter: Transporter, from: string): MailTransport {
  return {
    async send(message) {
      await transporter.sendMail({ from, ...message });
    },
    close: () => transporter.close(),
  };
}

/** SMTP to `smtpUrl` (`smtp://host:port`), with short timeouts: a message that cannot go now is tried again later. */
export const smtpTransport = (smtpUrl: string, from: string, timeoutMs = 10_000): MailTransport =>
  nodemailerTransport(
    nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    }),
    from,
  );

/** Amazon SES (SESv2 `SendEmail` with the raw message) with the task role's credentials; `from` is an SES identity's address. */
export const sesTransport = (client: SESv2Client, from: string): MailTransport =>
  nodemailerTransport(nodemailer.createTransport({ SES: { sesClient: client, SendEmailCommand } }), from);
