// Accounts: register, log in, my profile (logging out is in lib/auth). The refresh cookie is httpOnly; only the access token is ours.
import { apiRequest, type Session } from '../../../lib/api-client';
import type { UsersBody, UsersSchema } from '../../../lib/api-types';

export type Account = UsersSchema<'Account'>;

export const register = (input: UsersBody<'/api/users/auth/register', 'post'>) =>
  apiRequest<Session>('/api/users/auth/register', { method: 'POST', body: input });

export const getMe = () => apiRequest<Account>('/api/users/me');

export const updateMe = (changes: UsersBody<'/api/users/me', 'patch'>) =>
  apiRequest<Account>('/api/users/me', { method: 'PATCH', body: changes });

export const requestPasswordReset = (email: string) => apiRequest('/api/users/auth/password-reset', { method: 'POST', body: { email } });

export const resetPassword = (input: UsersBody<'/api/users/auth/password-reset/complete', 'post'>) =>
  apiRequest('/api/users/auth/password-reset/complete', { method: 'POST', body: input });

export type SecondStepChallenge = UsersSchema<'SecondStepChallenge'>;
export type TwoFactorEnrolment = UsersSchema<'TwoFactorEnrolment'>;

/** The password's answer: a session, or for two-step sign-in the challenge a code must answer. */
export const logInWithPassword = (input: UsersBody<'/api/users/auth/login', 'post'>) =>
  apiRequest<Session | SecondStepChallenge>('/api/users/auth/login', { method: 'POST', body: input });

export const logInSecondStep = (input: UsersBody<'/api/users/auth/login/second-step', 'post'>) =>
  apiRequest<Session>('/api/users/auth/login/second-step', { method: 'POST', body: input });

export const verifyEmail = (token: string) =>
  apiRequest<{ email: string }>('/api/users/auth/email-verification/complete', { method: 'POST', body: { token } });

export const resendEmailVerification = () => apiRequest('/api/users/me/email-verification', { method: 'POST' });

export const requestEmailChange = (input: UsersBody<'/api/users/me/email', 'post'>) =>
  apiRequest<{ pendingEmail: string }>('/api/users/me/email', { method: 'POST', body: input });

export const startTwoFactorEnrolment = () => apiRequest<TwoFactorEnrolment>('/api/users/me/two-factor', { method: 'POST' });

export const confirmTwoFactorEnrolment = (code: string) =>
  apiRequest<{ recoveryCodes: string[] }>('/api/users/me/two-factor/confirm', { method: 'POST', body: { code } });

export const turnOffTwoFactor = (code: string) => apiRequest('/api/users/me/two-factor', { method: 'DELETE', body: { code } });
