// The users directory against the real users service, behind a pass-through that counts the requests reaching it.
import type { Server } from 'node:http';
import express from 'express';
import { portOf, startServer, stopServer } from '@tutoring-platform/shared';
import { startUsersTestServer, type UsersTestServer } from '@tutoring-platform/users/testing';
import { httpUsersDirectory } from '../src/clients/users-directory';

let users: UsersTestServer;
let counter: Server;
let counted = 0;
let failNext = false;
/** While set, the pass-through holds every request until it resolves. */
let stall: Promise<void> | undefined;
let directoryUrl: string;

beforeAll(async () => {
  users = await startUsersTestServer();
  const passThrough = express();
  passThrough.get('/api/users/profiles', async (req, res) => {
    counted += 1;
    await stall;
    if (failNext) {
      failNext = false;
      res.status(503).json({});
      return;
    }
    const upstream = await fetch(`${users.baseUrl}/profiles?ids=${String(req.query.ids)}`);
    res.status(upstream.status).json(await upstream.json());
  });
  counter = await startServer(passThrough, 0, '127.0.0.1');
  directoryUrl = `http://127.0.0.1:${portOf(counter)}/api/users`;
});
afterAll(async () => {
  await stopServer(counter, 1000);
  await users.close();
});

describe('the users directory', () => {
  it('when 200 lookups of 5 accounts arrive at once, then the users service is asked once; later ones come from the cache', async () => {
    const accounts = await Promise.all(Array.from({ length: 5 }, () => users.signUp()));
    const ids = accounts.map((a) => a.id);
    const directory = httpUsersDirectory(directoryUrl);
    counted = 0;
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => directory.activeIds([ids[i % 5]!])));
    expect(answers.map((a, i) => a.has(ids[i % 5]!))).toEqual(Array(200).fill(true));
    expect(counted).toBe(1);
    expect((await directory.profiles(ids)).size).toBe(5);
    expect(counted).toBe(1);
  });

  it('when the users service fails once, then the lookups fail and the next one asks again instead of keeping the failure', async () => {
    const someone = await users.signUp();
    const directory = httpUsersDirectory(directoryUrl);
    counted = 0;
    failNext = true;
    await expect(directory.activeIds([someone.id])).rejects.toMatchObject({ code: 'dependency-unavailable', httpStatus: 503 });
    expect(await directory.activeIds([someone.id])).toEqual(new Set([someone.id]));
    expect(counted).toBe(2);
  });

  it('when the users service stalls, then lookups answer 503 once the configured timeout passes instead of waiting for it', async () => {
    const someone = await users.signUp();
    const directory = httpUsersDirectory(directoryUrl, { ttlMs: 0, timeoutMs: 300 });
    let release = () => undefined as void;
    stall = new Promise<void>((resolve) => (release = resolve));
    try {
      // the stalled request cannot be answered before `release`: only the timeout can end the lookup
      await expect(directory.activeIds([someone.id])).rejects.toMatchObject({ code: 'dependency-unavailable', httpStatus: 503 });
    } finally {
      stall = undefined;
      release();
    }
    expect(await directory.activeIds([someone.id])).toEqual(new Set([someone.id]));
  });
});
