// The one way the web app talks to the platform's APIs: JSON in and out (typed from the services' OpenAPI), the access token kept in memory, a
// silent refresh through the httpOnly refresh cookie when it expires, and every failure turned into an ApiError
// with a sentence a person can read.
import type { UsersSchema } from './api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const errorBody = (body: unknown): { code: string; message: string; details?: unknown } | undefined => {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string'
    ? { code: error.code, message: error.message, details: error.details }
    : undefined;
};

let accessToken: string | null = null;
/** Called when a refresh fails: the session is over. */
let onSignedOut: () => void = () => undefined;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Whether requests go out with an access token: someone is signed in, or was until it is refused. */
export const hasAccessToken = (): boolean => accessToken !== null;

export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export type Session = UsersSchema<'Session'>;

let refreshing: Promise<Session | null> | null = null;

/**
 * Whether this browser has a session to renew. The refresh cookie is httpOnly, so the page cannot see it; without
 * this mark every visitor's first load would ask for a refresh only to be refused, and browsers log that 401.
 */
export const sessionHint = {
  key: 'signed-in',
  present(): boolean {
    try {
      return localStorage.getItem(this.key) === '1';
    } catch {
      return true; // storage blocked: ask, as before
    }
  },
  set(signedIn: boolean): void {
    try {
      if (signedIn) localStorage.setItem(this.key, '1');
      else localStorage.removeItem(this.key);
    } catch {
      // storage blocked: nothing to remember
    }
  },
};

/** The sign-in a page load starts with: the refresh cookie, if this browser has a session to renew. */
export const silentSignIn = (): Promise<Session | null> => (sessionHint.present() ? refreshSession() : Promise.resolve(null));

/** Swaps the refresh cookie for a new access token; one request at a time however many callers ask. */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/users/auth/refresh', {
        method: 'POST',
        headers: { 'x-csrf-protection': '1' },
        credentials: 'same-origin',
      });
      sessionHint.set(res.ok);
      if (!res.ok) return null;
      const session = (await res.json()) as Session;
      accessToken = session.accessToken;
      return session;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON, or a Blob (a File) sent as the raw body with its own content type. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  // a file (a photo) goes as its bytes, under its own type; everything else as JSON
  const file = options.body instanceof Blob ? options.body : undefined;
  try {
    const bytes = file && (await file.arrayBuffer());
    return await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        ...(file ? { 'content-type': file.type } : options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        ...options.headers,
      },
      body: bytes ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach the server. Check your connection and try again.');
  }
}

/** T is the answer's type, named from the generated API types (lib/api-types.ts). */
export async function apiRequest<T = void>(path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(path, options);
  if (res.status === 401 && accessToken) {
    const session = await refreshSession();
    if (!session) {
      accessToken = null;
      onSignedOut();
    } else {
      res = await send(path, options);
    }
  }
  // The email may have been confirmed (in another tab) after this access token was issued: renew it once and retry.
  if (
    res.status === 403 &&
    accessToken &&
    errorBody(
      await res
        .clone()
        .json()
        .catch(() => undefined),
    )?.code === 'email-not-verified'
  ) {
    if (await refreshSession()) res = await send(path, options);
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = errorBody(body);
    if (error) throw new ApiError(res.status, error.code, error.message, error.details);
    throw new ApiError(
      res.status,
      'unexpected',
      res.status >= 500 ? 'Something went wrong on our side. Please try again.' : 'The request failed.',
    );
  }
  return body as T;
}

/** A readable sentence for any error a query or mutation throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Array.isArray(error.details)
      ? (error.details as Array<{ path?: string; message?: string }>)
          .filter((d) => d.path && d.message)
          .map((d) => `${d.path}: ${d.message}`)
      : [];
    return fields.length ? `${error.message} (${fields.join('; ')})` : error.message;
  }
  return 'Something went wrong. Please try again.';
}

/** Fetches a file that needs the access token (an .ics) and hands it to the browser as a download. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  let res = await send(path, {});
  if (res.status === 401 && accessToken && (await refreshSession())) res = await send(path, {});
  if (!res.ok) {
    const error = errorBody(await res.json().catch(() => undefined));
    throw new ApiError(res.status, error?.code ?? 'unexpected', error?.message ?? 'The file could not be downloaded.');
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
