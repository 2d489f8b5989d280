// The run's development mail server as tests read it: through its REST API, never through a fake transport.
import { z } from 'zod';

const address = z.object({ address: z.string() });
const email = z.object({
  id: z.string(),
  subject: z.string(),
  to: z.array(address),
  text: z.string().optional().default(''),
  html: z.string().optional().default(''),
});
export type ReceivedEmail = z.infer<typeof email>;

const webUrl = () => {
  const url = process.env.TEST_MAIL_WEB_URL;
  if (!url) throw new Error('TEST_MAIL_WEB_URL is not set: run tests through jest with the global setup');
  return url;
};

/** The subject of the link every account gets at sign-up to confirm its email. */
export const CONFIRMATION_SUBJECT = 'Confirm your email';

export interface MailFilter {
  /**
   * Test accounts follow their sign-up confirmation link, so each mailbox starts with it, arriving whenever its
   * event does; only tests about confirmation want to see it. @default false
   */
  confirmations?: boolean;
}

/** Every message the mail server holds for `to`, oldest first. */
export async function mailTo(to: string, { confirmations = false }: MailFilter = {}): Promise<ReceivedEmail[]> {
  const res = await fetch(`${webUrl()}/api/email`);
  if (!res.ok) throw new Error(`the mail server answered ${res.status}`);
  const all = z.array(email).parse(await res.json());
  return all.filter(
    (m) => m.to.some((a) => a.address.toLowerCase() === to.toLowerCase()) && (confirmations || m.subject !== CONFIRMATION_SUBJECT),
  );
}

/** The message's raw source (headers included). */
export async function mailSource(id: string): Promise<string> {
  const res = await fetch(`${webUrl()}/api/email/${encodeURIComponent(id)}/source`);
  if (!res.ok) throw new Error(`the mail server answered ${res.status}`);
  return res.text();
}

/** Waits until `to` has at least `count` messages (polling), and returns them all. */
export async function waitForMail(to: string, count = 1, timeoutMs = 10_000, filter: MailFilter = {}): Promise<ReceivedEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await mailTo(to, filter);
    if (messages.length >= count || Date.now() > deadline) return messages;
    await new Promise((r) => setTimeout(r, 50));
  }
}
