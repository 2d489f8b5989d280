import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import {
  authenticate,
  errorHandler,
  createLogger,
  jwksKeyResolver,
  portOf,
  startServer,
  stopServer,
  verifyAccessToken,
} from '@tutoring-platform/shared';
import { loadUsersConfig } from '../src/config';
import { bearer, createTestContext, expectError, signUp, testEnv, testSigningKey, type SignedUp, type TestContext } from './support';

let ctx: TestContext;
let student: SignedUp;
let kid: string;
beforeAll(async () => {
  ctx = await createTestContext();
  student = await signUp(ctx.app);
  kid = jwt.decode(student.accessToken, { complete: true })!.header.kid!;
});
afterAll(() => ctx.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: student.id,
  role: 'student',
  name: 'Test',
  typ: 'access',
  iss: ctx.config.JWT_ISSUER,
  aud: ctx.config.JWT_AUDIENCE,
  iat: now(),
  exp: now() + 600,
});
const sign = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, testSigningKey, { algorithm: 'RS256', keyid: kid, ...options });

describe('access tokens that must be refused with 401', () => {
  const publicPem = () => createPublicKey(testSigningKey).export({ type: 'spki', format: 'pem' }).toString();
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  const cases: Array<[string, () => string]> = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(claims())}.`],
    [
      'HS256 signed with the public key as the secret',
      () => {
        const head = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims())}`;
        return `${head}.${createHmac('sha256', publicPem()).update(head).digest('base64url')}`;
      },
    ],
    ['expired', () => sign({ ...claims(), iat: now() - 3600, exp: now() - 60 })],
    ['wrong audience', () => sign({ ...claims(), aud: 'someone-else' })],
    ['wrong issuer', () => sign({ ...claims(), iss: 'https://evil.example' })],
    ['unknown kid', () => sign(claims(), { keyid: 'no-such-key' })],
    ['no kid', () => jwt.sign(claims(), testSigningKey, { algorithm: 'RS256' })],
    ['signed by another key under our kid', () => jwt.sign(claims(), otherKey, { algorithm: 'RS256', keyid: kid })],
    [
      'tampered payload (role raised to admin)',
      () => {
        const [head, , sig] = student.accessToken.split('.');
        const payload = { ...(jwt.decode(student.accessToken) as object), role: 'admin' };
        return `${head}.${b64(payload)}.${sig}`;
      },
    ],
    ['not an access token (typ refresh)', () => sign({ ...claims(), typ: 'refresh' })],
    ['an unknown role', () => sign({ ...claims(), role: 'superuser' })],
    ['garbage', () => 'not.a.jwt'],
  ];

  it.each(cases)('when the token is %s, then 401 invalid-token', async (_label, make) => {
    const res = await request(ctx.app).get('/api/users/me').set('Authorization', `Bearer ${make()}`);
    expectError(res, 401, 'invalid-token');
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('when the token is a well-formed one we signed, then the same request succeeds (the cases above fail for their reason only)', async () => {
    expect(
      (
        await request(ctx.app)
          .get('/api/users/me')
          .set('Authorization', `Bearer ${sign(claims())}`)
      ).status,
    ).toBe(200);
  });

  it('when a valid token was just accepted (and cached), then an altered copy of it is still refused', async () => {
    expect((await request(ctx.app).get('/api/users/me').set(bearer(student))).status).toBe(200);
    const [head, , sig] = student.accessToken.split('.');
    const altered = `${head}.${b64({ ...(jwt.decode(student.accessToken) as object), sub: '00000000-0000-4000-8000-000000000000' })}.${sig}`;
    expectError(await request(ctx.app).get('/api/users/me').set('Authorization', `Bearer ${altered}`), 401, 'invalid-token');
    expect((await request(ctx.app).get('/api/users/me').set(bearer(student))).body.id).toBe(student.id);
  });

  it('when the tampered token is used on an admin endpoint, then 401, not admin access', async () => {
    const [head, , sig] = student.accessToken.split('.');
    const forged = `${head}.${b64({ ...(jwt.decode(student.accessToken) as object), role: 'admin' })}.${sig}`;
    expectError(await request(ctx.app).get('/api/users/admin/users').set('Authorization', `Bearer ${forged}`), 401, 'invalid-token');
  });
});

describe('issued access tokens', () => {
  it('when decoded, then they carry sub, role, name, aud, iss, typ and kid, and live 15 minutes', () => {
    const decoded = jwt.decode(student.accessToken, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload).toMatchObject({
      sub: student.id,
      role: 'student',
      name: 'Test Student',
      typ: 'access',
      aud: 'tutoring-platform',
      iss: 'tutoring-platform/users',
    });
    expect(payload.exp! - payload.iat!).toBe(900);
  });
});

describe('verifying through the published JWKS, as the other services do', () => {
  let server: Server;
  let jwksUrl: string;
  let jwksRequests = 0;
  beforeAll(async () => {
    const counting = express();
    counting.use((req, _res, next) => {
      if (req.path.endsWith('/jwks.json')) jwksRequests += 1;
      next();
    });
    counting.use(ctx.app);
    server = await startServer(counting, 0, '127.0.0.1');
    jwksUrl = `http://127.0.0.1:${portOf(server)}/api/users/.well-known/jwks.json`;
  });
  afterAll(() => stopServer(server, 1000));

  it('when a token is verified twice, then the JWKS is fetched once; an unknown kid is a 401, fetching again only after the cooldown', async () => {
    const resolve = jwksKeyResolver(jwksUrl, { cooldownMs: 200 });
    const settings = { issuer: ctx.config.JWT_ISSUER, audience: ctx.config.JWT_AUDIENCE };
    const before = jwksRequests;
    await expect(verifyAccessToken(student.accessToken, resolve, settings)).resolves.toEqual({
      user: { id: student.id, role: 'student', name: 'Test Student', emailVerified: false, secondFactor: false },
    });
    await expect(verifyAccessToken(student.accessToken, resolve, settings)).resolves.toMatchObject({ user: { id: student.id } });
    expect(jwksRequests - before).toBe(1);

    const downstream = express();
    downstream.get('/protected', authenticate(resolve, settings), (req, res) => {
      res.json({ who: req.auth?.id ?? null });
    });
    downstream.use(errorHandler(createLogger('test', 'silent')));
    expect((await request(downstream).get('/protected').set(bearer(student))).body).toEqual({ who: student.id });
    const unknownKid = sign(claims(), { keyid: 'rotated-away' });
    expect((await request(downstream).get('/protected').set('Authorization', `Bearer ${unknownKid}`)).status).toBe(401);
    expect(jwksRequests - before).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect((await request(downstream).get('/protected').set('Authorization', `Bearer ${unknownKid}`)).status).toBe(401);
    expect(jwksRequests - before).toBe(2);
  });

  it('when tokens with random kids keep coming through a key rotation, then they cost one fetch per cooldown and the new key works within one', async () => {
    const [first, next] = [generateKeyPairSync('rsa', { modulusLength: 2048 }), generateKeyPairSync('rsa', { modulusLength: 2048 })];
    const jwk = (pair: typeof first, id: string) => ({ ...pair.publicKey.export({ format: 'jwk' }), kid: id, alg: 'RS256', use: 'sig' });
    let published = [jwk(first, 'first')];
    let fetches = 0;
    const issuer = express();
    issuer.get('/jwks.json', (_req, res) => {
      fetches += 1;
      res.json({ keys: published });
    });
    const jwks = await startServer(issuer, 0, '127.0.0.1');
    try {
      const cooldownMs = 300;
      const resolve = jwksKeyResolver(`http://127.0.0.1:${portOf(jwks)}/jwks.json`, { cooldownMs });
      const settings = { issuer: ctx.config.JWT_ISSUER, audience: ctx.config.JWT_AUDIENCE };
      const token = (pair: typeof first, keyid: string) => jwt.sign(claims(), pair.privateKey, { algorithm: 'RS256', keyid });
      const verifies = (t: string) =>
        verifyAccessToken(t, resolve, settings).then(
          () => true,
          () => false,
        );
      expect(await verifies(token(first, 'first'))).toBe(true);

      // the key rotates while forged tokens with made-up kids arrive all the time
      published = [jwk(next, 'next'), jwk(first, 'first')];
      const started = Date.now();
      let forged = 0;
      let rotatedOk = false;
      while (!rotatedOk && Date.now() - started < 3_000) {
        const burst = await Promise.all(Array.from({ length: 20 }, () => verifies(token(next, `random-${forged++}`))));
        expect(burst.every((ok) => !ok)).toBe(true);
        rotatedOk = await verifies(token(next, 'next'));
      }
      const elapsed = Date.now() - started;
      expect(rotatedOk).toBe(true);
      expect(elapsed).toBeLessThan(cooldownMs * 3);
      expect(forged).toBeGreaterThanOrEqual(20);
      // one fetch at the start, at most one more per cooldown since
      expect(fetches).toBeLessThanOrEqual(2 + Math.ceil(elapsed / cooldownMs));
      expect(await verifies(token(first, 'first'))).toBe(true);
    } finally {
      await stopServer(jwks, 1000);
    }
  });

  it('when a retired key is configured by its public half, then tokens signed with it still verify; its private half is refused', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const retired = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const retiredPublic = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadUsersConfig({ ...testEnv(), JWT_RETIRED_KEYS: JSON.stringify([retired]) })).toThrow(/JWT_RETIRED_KEYS.*public keys/s);
    const oldIssuer = await createTestContext({ JWT_PRIVATE_KEY: retired });
    const rotated = await createTestContext({ JWT_RETIRED_KEYS: JSON.stringify([retiredPublic]) });
    try {
      const oldToken = oldIssuer.deps.tokens.sign(
        { id: student.id, role: 'student', displayName: 'Old', emailVerified: true },
        { secondFactor: false },
      );
      expect((await request(rotated.app).get('/api/users/me').set('Authorization', `Bearer ${oldToken}`)).status).toBe(200);
      expect((await request(rotated.app).get('/api/users/.well-known/jwks.json')).body.keys).toHaveLength(2);
    } finally {
      await Promise.all([oldIssuer.close(), rotated.close()]);
    }
  });
});
