import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { services } from '@tutoring-platform/shared/catalog';
import http from 'node:http';
import { z } from 'zod';
import { Api, Lifecycle, createLogger, createServiceApp, startServer, stopServer, portOf } from '@tutoring-platform/shared';
import { createGateway, gatewayBodyLimitBytes } from '../src/gateway';

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

  it('when a client spoofs X-Forwarded-For, then the service still sees the address that reached the gateway', async () => {
    const api = new Api({ title: 'users', version: '1', description: 'fixture' }, '/api/users', { t: 't' });
    api.route({
      method: 'get',
      path: '/ping',
      operationId: 'ping',
      description: 'fixture',
      tag: 't',
      summary: 'ping',
      access: 'public',
      response: z.object({ ok: z.boolean() }),
      handle: async () => ({ ok: true }),
    });
    const service = createServiceApp({
      api,
      logger: createLogger('fixture', 'silent'),
      lifecycle: new Lifecycle(),
      readiness: {},
      bodyLimit: '100kb',
      rateLimitPerMinute: 3,
    });
    const server = await startServer(service, 0, '127.0.0.1');
    try {
      const gateway = createGateway([{ service: services.users, origin: `http://127.0.0.1:${portOf(server)}` }], webApp);
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await request(gateway).get('/api/users/ping').set('x-forwarded-for', `203.0.113.${i}, 10.0.0.${i}`)).status);
      }
      // one client, whatever it claims: the fourth request is over the limit of three
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await stopServer(server, 1000);
    }
  });

  it('when the gateway itself refuses (431, 413) or its target fails mid-request (502), then the answer is JSON with a request id', async () => {
    const upstream = express();
    upstream.use((req) => req.socket.destroy());
    const failing = await startServer(upstream, 0, '127.0.0.1');
    const gateway = await startServer(
      createGateway([{ service: services.users, origin: `http://127.0.0.1:${portOf(failing)}` }], webApp),
      0,
      '127.0.0.1',
    );
    const raw = (headers: http.OutgoingHttpHeaders, method = 'GET') =>
      new Promise<{ status: number; body: { error: { code: string; requestId: string } } }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: portOf(gateway), path: '/api/users/me', method, headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const tooLarge = await raw({ cookie: 'x'.repeat(20_000) });
      expect([tooLarge.status, tooLarge.body.error.code]).toEqual([431, 'headers-too-large']);
      expect(tooLarge.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const huge = await raw({ 'content-length': String(gatewayBodyLimitBytes + 1), 'content-type': 'application/json' }, 'POST');
      expect([huge.status, huge.body.error.code]).toEqual([413, 'payload-too-large']);
      const broken = await raw({ 'x-request-id': 'trace-502' });
      expect(broken).toEqual({
        status: 502,
        body: { error: { code: 'bad-gateway', message: 'The users service failed to answer', requestId: 'trace-502' } },
      });
    } finally {
      await stopServer(gateway, 1000);
      await stopServer(failing, 1000);
    }
  });
});
