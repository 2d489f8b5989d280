// Types of the platform's APIs, from the typed client package, which generates them from each service's
// committed OpenAPI contract. Feature API files name their types through these, never by hand.
import type {
  GroupsComponents,
  GroupsPaths,
  NotificationsComponents,
  NotificationsPaths,
  TutoringComponents,
  TutoringPaths,
  UsersComponents,
  UsersPaths,
} from '@tutoring-platform/client';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON body a successful call answers with. */
type Success<Op> = Op extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;
/** The JSON body a call takes. */
type Body<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type UsersSchema<K extends keyof UsersComponents['schemas']> = UsersComponents['schemas'][K];
export type TutoringSchema<K extends keyof TutoringComponents['schemas']> = TutoringComponents['schemas'][K];
export type GroupsSchema<K extends keyof GroupsComponents['schemas']> = GroupsComponents['schemas'][K];
export type NotificationsSchema<K extends keyof NotificationsComponents['schemas']> = NotificationsComponents['schemas'][K];

export type UsersResponse<P extends keyof UsersPaths, M extends keyof UsersPaths[P]> = Success<UsersPaths[P][M]>;
export type TutoringResponse<P extends keyof TutoringPaths, M extends keyof TutoringPaths[P]> = Success<TutoringPaths[P][M]>;
export type GroupsResponse<P extends keyof GroupsPaths, M extends keyof GroupsPaths[P]> = Success<GroupsPaths[P][M]>;
export type NotificationsResponse<P extends keyof NotificationsPaths, M extends keyof NotificationsPaths[P]> = Success<
  NotificationsPaths[P][M]
>;

export type TutoringBody<P extends keyof TutoringPaths, M extends keyof TutoringPaths[P]> = Body<TutoringPaths[P][M]>;
export type GroupsBody<P extends keyof GroupsPaths, M extends keyof GroupsPaths[P]> = Body<GroupsPaths[P][M]>;
export type UsersBody<P extends keyof UsersPaths, M extends keyof UsersPaths[P]> = Body<UsersPaths[P][M]>;
