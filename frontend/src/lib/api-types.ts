// Types of the platform's APIs, generated from each service's OpenAPI document (src/lib/api-schema, made by
// `npm run build`). Feature API files name their types through these, never by hand.
import type { components as GroupsComponents, paths as GroupsPaths } from './api-schema/groups';
import type { components as TutoringComponents, paths as TutoringPaths } from './api-schema/tutoring';
import type { components as UsersComponents, paths as UsersPaths } from './api-schema/users';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON body a successful call answers with. */
type Success<Op> = Op extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;
/** The JSON body a call takes. */
type Body<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type UsersSchema<K extends keyof UsersComponents['schemas']> = UsersComponents['schemas'][K];
export type TutoringSchema<K extends keyof TutoringComponents['schemas']> = TutoringComponents['schemas'][K];
export type GroupsSchema<K extends keyof GroupsComponents['schemas']> = GroupsComponents['schemas'][K];

export type UsersResponse<P extends keyof UsersPaths, M extends keyof UsersPaths[P]> = Success<UsersPaths[P][M]>;
export type TutoringResponse<P extends keyof TutoringPaths, M extends keyof TutoringPaths[P]> = Success<TutoringPaths[P][M]>;
export type GroupsResponse<P extends keyof GroupsPaths, M extends keyof GroupsPaths[P]> = Success<GroupsPaths[P][M]>;

export type TutoringBody<P extends keyof TutoringPaths, M extends keyof TutoringPaths[P]> = Body<TutoringPaths[P][M]>;
export type GroupsBody<P extends keyof GroupsPaths, M extends keyof GroupsPaths[P]> = Body<GroupsPaths[P][M]>;
export type UsersBody<P extends keyof UsersPaths, M extends keyof UsersPaths[P]> = Body<UsersPaths[P][M]>;
