// The development mail server that stands in for Amazon SES on this machine (`npm start`, docker compose, the tests):
// services send to its SMTP port as they would to any SMTP relay, and people (and tests) read the mail in its web
// inbox and REST API.
import { mkdirSync } from 'node:fs';

export interface RunningMailServer {
  /** For a service's SMTP URL. */
  smtpUrl: string;
  /** The web inbox; its REST API is below `/api` (`GET /api/email` lists every message). */
  webUrl: string;
  stop(): Promise<void>;
}

/** Catches every message sent to `smtpPort` and keeps it in `dataDir` across restarts; nothing is relayed. */
export async function startMailServer(options: {
  smtpPort: number;
  webPort: number;
  dataDir: string;
  address?: string;
}): Promise<RunningMailServer> {
  const address = options.address ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  // maildev is an ES module; this package is CommonJS, and `import()` loads it either way
  const { MailDev } = await import('maildev');
  const server = new MailDev({
    smtp: options.smtpPort,
    ip: address,
    web: options.webPort,
    webIp: address,
    mailDirectory: options.dataDir,
    silent: true,
  });
  await server.start();
  const host = address === '0.0.0.0' ? '127.0.0.1' : address;
  return {
    smtpUrl: `smtp://${host}:${options.smtpPort}`,
    webUrl: `http://${host}:${options.webPort}`,
    stop: () => server.stop(),
  };
}
