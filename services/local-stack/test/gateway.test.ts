import path from 'node:path';
import request from 'supertest';
import { routeFor } from '@tutoring-platform/shared';
import { createGateway } from '../src/gateway';

const webRoot = path.join(__dirname, '..', 'public');

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
  });
});
