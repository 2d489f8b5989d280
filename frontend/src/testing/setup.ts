import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setAccessToken } from '../lib/api-client';
import { server } from './server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
// Files share one jsdom and one module registry (isolate: false), so every test leaves nothing behind.
afterEach(() => {
  cleanup();
  server.resetHandlers();
  setAccessToken(null);
});
afterAll(() => server.close());
