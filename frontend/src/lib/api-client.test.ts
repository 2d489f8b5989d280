import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { ApiError, apiRequest, refreshSession, sessionHint, setAccessToken } from './api-client';

describe('the API client', () => {
  it('when the access token has expired, then it renews it once through the refresh cookie and repeats the request', async () => {
    setAccessToken('old');
    let refreshes = 0;
    server.use(
      http.get('/api/users/me', ({ request }) =>
        request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json({ id: 'me' })
          : HttpResponse.json({ error: { code: 'token-expired', message: 'Expired', requestId: 'r' } }, { status: 401 }),
      ),
      http.post('/api/users/auth/refresh', ({ request }) => {
        refreshes++;
        expect(request.headers.get('x-csrf-protection')).toBe('1');
        return HttpResponse.json({ accessToken: 'new', user: { id: 'me' } });
      }),
    );
    const [a, b] = await Promise.all([apiRequest<{ id: string }>('/api/users/me'), apiRequest<{ id: string }>('/api/users/me')]);
    expect([a.id, b.id]).toEqual(['me', 'me']);
    expect(refreshes).toBe(1);
  });

  it('when a refresh succeeds or is refused, then the browser remembers whether it has a session to renew', async () => {
    let answer = 200;
    server.use(
      http.post('/api/users/auth/refresh', () =>
        answer === 200
          ? HttpResponse.json({ accessToken: 'a', user: { id: 'me' } })
          : HttpResponse.json({ error: { code: 'refresh-token-missing', message: 'No session', requestId: 'r' } }, { status: 401 }),
      ),
    );
    sessionHint.set(false);
    expect(await refreshSession()).not.toBeNull();
    expect(sessionHint.present()).toBe(true);
    answer = 401;
    expect(await refreshSession()).toBeNull();
    expect(sessionHint.present()).toBe(false);
  });

  it('when the server is unreachable or answers HTML, then the error is a sentence for people', async () => {
    server.use(
      http.get('/api/down', () => HttpResponse.error()),
      http.get('/api/html', () => new HttpResponse('<h1>502</h1>', { status: 502, headers: { 'content-type': 'text/html' } })),
    );
    await expect(apiRequest('/api/down')).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/could not reach the server/),
    });
    const error = await apiRequest('/api/html').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Something went wrong on our side. Please try again.');
  });
});
