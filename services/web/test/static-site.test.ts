import { gzipSync, brotliCompressSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { staticSite } from '../src/static-site';

// a stand-in for the built web app: its shell, one hashed asset with its precompressed copies, robots.txt
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-web-'));
const shell = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
writeFileSync(path.join(webRoot, 'index.html'), shell);
writeFileSync(path.join(webRoot, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
mkdirSync(path.join(webRoot, 'assets'));
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), script);
writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.gz'), gzipSync(script));
writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));

const app = express();
app.set('trust proxy', 1);
app.use(staticSite(webRoot));

describe('the web app’s server', () => {
  it('when an asset is fetched, then its precompressed copy is sent (brotli first) and cached for a year', async () => {
    const br = await request(app).get('/assets/index-abc123.js').set('accept-encoding', 'gzip, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    const gzip = await request(app).get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);
  });

  it('when a client route is opened, then the shell is sent and revalidated each time', async () => {
    const page = await request(app).get('/tutors/some-id');
    expect(page.status).toBe(200);
    expect(page.text).toBe(shell);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('when robots.txt or a missing asset is asked for, then the real file or a 404, never the shell', async () => {
    const robots = await request(app).get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers['content-type']).toMatch(/text\/plain/);
    expect(robots.text).toContain('User-agent');
    const missing = await request(app).get('/assets/gone-123.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<html');
  });

  it('when anything is served, then strict security headers come with it, and HSTS only over HTTPS', async () => {
    const res = await request(app).get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const overHttps = await request(app).get('/').set('x-forwarded-proto', 'https');
    expect(overHttps.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('when its health is asked, then it answers without touching the files', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
