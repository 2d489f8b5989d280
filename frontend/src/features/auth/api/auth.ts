// Accounts: register, log in, my profile (logging out is in lib/auth). The refresh cookie is httpOnly; only the access token is ours.
import { apiRequest, type Session } from '../../../lib/api-client';
import type { UsersBody, UsersSchema } from '../../../lib/api-types';

export type Account = UsersSchema<'Account'>;

export const register = (input: UsersBody<'/api/users/auth/register', 'post'>) =>
  apiRequest<Session>('/api/users/auth/register', { method: 'POST', body: input });

export const logIn = (input: UsersBody<'/api/users/auth/login', 'post'>) =>
  apiRequest<Session>('/api/users/auth/login', { method: 'POST', body: input });

export const getMe = () => apiRequest<Account>('/api/users/me');

export const updateMe = (changes: UsersBody<'/api/users/me', 'patch'>) =>
  apiRequest<Account>('/api/users/me', { method: 'PATCH', body: changes });

export const requestPasswordReset = (email: string) => apiRequest('/api/users/auth/password-reset', { method: 'POST', body: { email } });

export const resetPassword = (input: UsersBody<'/api/users/auth/password-reset/complete', 'post'>) =>
  apiRequest('/api/users/auth/password-reset/complete', { method: 'POST', body: input });
