// Boot of the web image. `node dist/server.js` serves the built web app; `node dist/server.js gateway` is the
// compose gateway, routing the catalog's prefixes to the service containers and everything else to the web container.
import express, { type Express } from 'express';
import { z } from 'zod';
import {
  ConfigError,
  Lifecycle,
  env,
  exitOnFatalErrors,
  createLogger,
  handleShutdownSignals,
  httpConfigShape,
  loadConfig,
  requestLogger,
  startServer,
} from '@tutoring-platform/shared';
import { apiServices, webApp } from '@tutoring-platform/shared/catalog';
import { createGateway, webAppProxy } from './gateway';
import { staticSite } from './static-site';

const configSchema = z.object({
  ...httpConfigShape,
  PORT: env.port(webApp.containerPort),
  /** The built web app (frontend/dist). */
  WEB_ROOT: z.string().default('/app/frontend/dist'),
  /** Gateway only: the web container's origin, and each service's origin by `<NAME>_ORIGIN`. */
  WEB_ORIGIN: z.string().url().default(`http://web:${webApp.containerPort}`),
  ...Object.fromEntries(
    apiServices.map((s) => [`${s.name.toUpperCase()}_ORIGIN`, z.string().url().default(`http://${s.name}:${s.containerPort}`)]),
  ),
});
type Config = z.output<typeof configSchema> & Record<string, string>;

function createApp(role: 'web' | 'gateway', config: Config): Express {
  if (role === 'web') {
    const app = express();
    app.disable('x-powered-by');
    // one proxy hop (the ALB or the gateway) tells whether the browser came over HTTPS
    app.set('trust proxy', 1);
    app.use(staticSite(config.WEB_ROOT));
    return app;
  }
  const gateway = createGateway(
    apiServices.map((service) => ({ service, origin: config[`${service.name.toUpperCase()}_ORIGIN`] })),
    webAppProxy(config.WEB_ORIGIN),
  );
  gateway.get(webApp.healthPath, (_req, res) => {
    res.json({ status: 'ok' });
  });
  return gateway;
}

async function main(): Promise<void> {
  const role = process.argv[2] === 'gateway' ? 'gateway' : 'web';
  let config: Config;
  try {
    config = loadConfig(configSchema) as Config;
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const logger = createLogger(role, config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const outer = express();
  outer.disable('x-powered-by');
  outer.use(requestLogger(logger));
  outer.use(createApp(role, config));
  const server = await startServer(outer, config.PORT, config.HOST);
  logger.info({ port: config.PORT }, `${role} listening`);
  logger.flush();
  handleShutdownSignals({
    server,
    lifecycle: new Lifecycle(),
    logger,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    close: async () => undefined,
  });
}

void main();
