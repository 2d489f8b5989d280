import { gzipSync, brotliCompressSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { staticSite } from '../src/static-site';

// a stand-in for the built web app: its shell, one hashed asset with its precompressed copies, robots.txt, and the
// list of what each route's page needs beyond the entry
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-web-'));
const shell =
  '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
mkdirSync(path.join(webRoot, '.vite'));
writeFileSync(
  path.join(webRoot, '.vite', 'route-preloads.json'),
  JSON.stringify([
    { path: '/', scripts: ['/assets/home-1.js'], styles: [] },
    { path: '/groups/:groupId', scripts: ['/assets/group-page-1.js', '/assets/Card-1.js'], styles: ['/assets/group-page-1.css'] },
    { path: '/groups/new', scripts: ['/assets/new-group-page-1.js'], styles: [] },
    { path: '/tutors', scripts: ['/assets/search-page-1.js'], styles: [] },
    { path: '/tutors/:tutorId', scripts: ['/assets/tutor-page-1.js'], styles: [] },
  ]),
);
const withPreloads = (tags: string) => shell.replace('</head>', `${tags}</head>`);
writeFileSync(path.join(webRoot, 'index.html'), shell);
writeFileSync(path.join(webRoot, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
// a page of its own in a folder, as the API reference is (public/api-docs)
mkdirSync(path.join(webRoot, 'api-docs'));
const apiDocs = '<!doctype html><html><body><div id="swagger-ui"></div></body></html>';
writeFileSync(path.join(webRoot, 'api-docs', 'index.html'), apiDocs);
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
    const page = await request(app).get('/sessions/some-id');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toBe(shell);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('when a route’s page is opened, then its shell names that page’s code and styles, and no other page’s', async () => {
    const group = await request(app).get('/groups/0b7c6e2a-1f7e-4f55-9a43-55d1c2a1d0aa');
    expect(group.text).toBe(
      withPreloads(
        '<link rel="modulepreload" crossorigin href="/assets/group-page-1.js">' +
          '<link rel="modulepreload" crossorigin href="/assets/Card-1.js">' +
          '<link rel="preload" as="style" crossorigin href="/assets/group-page-1.css">',
      ),
    );
    // a fixed path wins over the pattern that would also match it, as in the router
    const newGroup = await request(app).get('/groups/new');
    expect(newGroup.text).toBe(withPreloads('<link rel="modulepreload" crossorigin href="/assets/new-group-page-1.js">'));
    const home = await request(app).get('/');
    expect(home.status).toBe(200);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.text).toBe(withPreloads('<link rel="modulepreload" crossorigin href="/assets/home-1.js">'));
    // an address no route claims gets the plain shell; the app shows its not-found page there
    const odd = await request(app).get('/groups/a/b');
    expect(odd.status).toBe(200);
    expect(odd.text).toBe(shell);
  });

  it('when a tutor search or a tutor’s page is opened, then its shell names the public answers it shows first', async () => {
    const fetchPreload = (href: string) => `<link rel="preload" as="fetch" crossorigin href="${href}">`;
    const courses = fetchPreload('/api/tutoring/courses');
    const tutorId = '0b7c6e2a-1f7e-4f55-9a43-55d1c2a1d0aa';
    const tutor = await request(app).get(`/tutors/${tutorId}`);
    expect(tutor.text).toBe(
      withPreloads(
        '<link rel="modulepreload" crossorigin href="/assets/tutor-page-1.js">' +
          fetchPreload(`/api/tutoring/tutors/${tutorId}`) +
          fetchPreload(`/api/tutoring/tutors/${tutorId}/reviews`) +
          courses,
      ),
    );
    // what the app asks for: the filters in the API's order, empty ones left out, twelve to a page
    const search = await request(app).get('/tutors?sort=rating&q=linear+algebra&course=&subject=Maths');
    expect(search.text).toContain(
      fetchPreload('/api/tutoring/tutors?q=linear+algebra&amp;subject=Maths&amp;sort=rating&amp;limit=12') + courses,
    );
    // markup in the address stays inside the attribute, encoded
    const hostile = await request(app).get(`/tutors?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(hostile.text).toContain(fetchPreload('/api/tutoring/tutors?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;limit=12'));
    expect(hostile.text).not.toContain('<script>alert');
    // "available this week" depends on the moment the app asks: only the catalog is named
    const week = await request(app).get('/tutors?week=1&q=calculus');
    expect(week.text).toBe(withPreloads('<link rel="modulepreload" crossorigin href="/assets/search-page-1.js">' + courses));
    // an address that is no URL to parse still gets the shell, never an error
    const odd = await request(app).get('//[?q=x');
    expect(odd.status).toBe(200);
    expect(odd.text).toBe(shell);
    // an address that names no tutor asks the API nothing
    const notAnId = await request(app).get('/tutors/not-a-real-tutor');
    expect(notAnId.text).toBe(withPreloads('<link rel="modulepreload" crossorigin href="/assets/tutor-page-1.js">'));
  });

  it('when a folder with its own page is opened, then that page, not the app’s shell', async () => {
    const docs = await request(app).get('/api-docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toBe(apiDocs);
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
