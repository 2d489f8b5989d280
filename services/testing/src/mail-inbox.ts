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

/** Every message the mail server holds for `to`, oldest first. */
export async function mailTo(to: string): Promise<ReceivedEmail[]> {
  const res = await fetch(`${webUrl()}/api/email`);
  if (!res.ok) throw new Error(`the mail server answered ${res.status}`);
  const all = z.array(email).parse(await res.json());
  return all.filter((m) => m.to.some((a) => a.address.toLowerCase() === to.toLowerCase()));
}

/** The message's raw source (headers included). */
export async function mailSource(id: string): Promise<string> {
  const res = await fetch(`${webUrl()}/api/email/${encodeURIComponent(id)}/source`);
  if (!res.ok) throw new Error(`the mail server answered ${res.status}`);
  return res.text();
}

/** Waits until `to` has at least `count` messages (polling), and returns them all. */
export async function waitForMail(to: string, count = 1, timeoutMs = 10_000): Promise<ReceivedEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await mailTo(to);
    if (messages.length >= count || Date.now() > deadline) return messages;
    await new Promise((r) => setTimeout(r, 50));
  }
}
