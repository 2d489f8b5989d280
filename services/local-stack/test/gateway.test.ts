import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { routeFor } from '@tutoring-platform/shared';
import { createGateway } from '../src/gateway';

// a stand-in for the built web app: its shell and one hashed asset
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-web-'));
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><body>app</body></html>');
mkdirSync(path.join(webRoot, 'assets'));
writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);

describe('the local gateway', () => {
  const gateway = createGateway([{ route: routeFor('groups'), port: undefined }], webRoot);

  it('when a service is not running, then its paths answer 503 JSON, not the web app', async () => {
    const res = await request(gateway).get('/api/groups/anything').set('x-request-id', 'r-1');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'service-unavailable', message: 'The groups service is not running', requestId: 'r-1' } });
  });

  it('when an /api path belongs to no service, then 404 JSON; any other path gets the web app', async () => {
    const api = await request(gateway).get('/api/unknown/thing');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not-found');
    const page = await request(gateway).get('/some/client/route');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('when the web app’s assets are fetched, then they are compressed and cached for good', async () => {
    const asset = await request(gateway).get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
