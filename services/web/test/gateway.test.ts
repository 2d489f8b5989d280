import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { services } from '@tutoring-platform/shared/catalog';
import { startServer, stopServer, portOf } from '@tutoring-platform/shared';
import { createGateway } from '../src/gateway';

const webRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-web-'));
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><body>app</body></html>');
const webApp = express.static(webRoot);

describe('the local gateway', () => {
  it('when a service is not running, then its paths answer 503 JSON, not the web app', async () => {
    const gateway = createGateway([{ service: services.groups, origin: undefined }], webApp);
    const res = await request(gateway).get('/api/groups/anything').set('x-request-id', 'r-1');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'service-unavailable', message: 'The groups service is not running', requestId: 'r-1' } });
  });

  it('when an /api path belongs to no service, then 404 JSON; any other path goes to the web app', async () => {
    const gateway = createGateway([{ service: services.groups, origin: undefined }], webApp);
    const api = await request(gateway).get('/api/unknown/thing');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not-found');
    const page = await request(gateway).get('/index.html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
  });

  it('when a service runs, then exactly its prefix reaches it, with the path unchanged', async () => {
    const upstream = express();
    upstream.use((req, res) => {
      res.json({ path: req.originalUrl });
    });
    const server = await startServer(upstream, 0, '127.0.0.1');
    try {
      const gateway = createGateway([{ service: services.users, origin: `http://127.0.0.1:${portOf(server)}` }], webApp);
      expect((await request(gateway).get('/api/users/me?x=1')).body).toEqual({ path: '/api/users/me?x=1' });
      expect((await request(gateway).get('/api/usersx')).status).toBe(404);
    } finally {
      await stopServer(server);
    }
  });
});
