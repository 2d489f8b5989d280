import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setAccessToken } from '../lib/api-client';
// The app loads the month calendar when it is first shown (components/lazy-slot-picker.tsx). Loaded here once per
// worker, that one-time load and its transform stay out of the one-second waits of every test that shows it.
import '../components/slot-picker';
import { server } from './server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
// Files share one jsdom and one module registry (isolate: false), so every test leaves nothing behind.
afterEach(() => {
  cleanup();
  server.resetHandlers();
  setAccessToken(null);
});
afterAll(() => server.close());
