// The web app's production server, shared by the web image and the local gateway: precompressed assets cached for
// good, the shell always revalidated, the single-page app's fallback, a liveness path and strict security headers.
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { webApp } from '@tutoring-platform/shared/catalog';
import { pageShell } from './page-shell';

const YEAR_SECONDS = 31_536_000;
/** Vite names every built asset by its content hash under /assets: those never change. */
const isHashedAsset = (file: string) => file.includes(`${path.sep}assets${path.sep}`);

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Bootstrap draws form controls with data: SVGs
    imgSrc: ["'self'", 'data:'],
    styleSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export function staticSite(webRoot: string, shellOptions: Parameters<typeof pageShell>[1] = {}): Router {
  const site = express.Router();
  site.get(webApp.healthPath, (_req, res) => {
    res.json({ status: 'ok' });
  });
  site.use(
    helmet({
      contentSecurityPolicy,
      // HSTS only where the browser reached us over HTTPS (the ALB says so in X-Forwarded-Proto).
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  site.use((req, res, next) => {
    if (req.secure) res.setHeader('strict-transport-security', `max-age=${YEAR_SECONDS}; includeSubDomains`);
    next();
  });
  // The app's shell, for "/" and every client-side route, names the code of the page at that address.
  const shellFor = pageShell(webRoot, shellOptions);
  const sendShell: RequestHandler = (req, res) => {
    // the query alone: an address such as `//[` is no URL to parse, and still the app's to answer
    const at = req.originalUrl.indexOf('?');
    const html = shellFor(req.path, new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1)));
    if (html === undefined) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(html);
  };
  site.get('/', sendShell);
  site.use(
    expressStaticGzip(webRoot, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders: (res, file) =>
          res.setHeader('cache-control', isHashedAsset(file) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache'),
      },
    }),
  );
  // A missing asset is a 404, not the app's HTML under a script's name.
  site.get('/assets/{*rest}', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  // Client-side routes of the single-page app fall back to its shell.
  site.get('/{*path}', sendShell);
  return site;
}
