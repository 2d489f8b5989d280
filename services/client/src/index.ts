// Typed clients for the platform's APIs. The types are generated from the committed OpenAPI contracts, and
// openapi-fetch makes the calls: each method takes the documented path, and its params, body and answer are
// checked by the compiler against the contract.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths as GroupsPaths } from './generated/groups';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as TutoringPaths } from './generated/tutoring';
import type { paths as UsersPaths } from './generated/users';

export type { components as GroupsComponents } from './generated/groups';
export type { components as NotificationsComponents } from './generated/notifications';
export type { components as TutoringComponents } from './generated/tutoring';
export type { components as UsersComponents } from './generated/users';
export type { GroupsPaths, NotificationsPaths, TutoringPaths, UsersPaths };

/** The body of every error answer; `code` is one of those the operation's contract lists. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export interface PlatformClientOptions extends ClientOptions {
  /** Sent as `Authorization: Bearer <token>`, if given. */
  accessToken?: string;
}

function clientFor<Paths extends object>({ accessToken, headers, ...options }: PlatformClientOptions): Client<Paths> {
  return createClient<Paths>({
    ...options,
    headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...(headers as Record<string, string> | undefined) },
  });
}

export const usersClient = (options: PlatformClientOptions): Client<UsersPaths> => clientFor<UsersPaths>(options);
export const tutoringClient = (options: PlatformClientOptions): Client<TutoringPaths> => clientFor<TutoringPaths>(options);
export const groupsClient = (options: PlatformClientOptions): Client<GroupsPaths> => clientFor<GroupsPaths>(options);
export const notificationsClient = (options: PlatformClientOptions): Client<NotificationsPaths> => clientFor<NotificationsPaths>(options);
