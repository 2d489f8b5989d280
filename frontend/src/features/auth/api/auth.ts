// Accounts: register, log in, my profile (logging out is in lib/auth). The refresh cookie is httpOnly; only the access token is ours.
import { apiRequest, type Session } from '../../../lib/api-client';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: 'student' | 'admin';
  timezone: string;
  bio: string;
  school: string | null;
  coursesOfStudy: string[];
  status: 'active' | 'suspended';
  createdAt: string;
}

export const register = (input: { email: string; password: string; displayName: string; timezone: string }) =>
  apiRequest<Session>('/api/users/auth/register', { method: 'POST', body: input });

export const logIn = (input: { email: string; password: string }) =>
  apiRequest<Session>('/api/users/auth/login', { method: 'POST', body: input });

export const getMe = () => apiRequest<Account>('/api/users/me');

export const updateMe = (changes: Partial<Pick<Account, 'displayName' | 'bio' | 'timezone' | 'school' | 'coursesOfStudy'>>) =>
  apiRequest<Account>('/api/users/me', { method: 'PATCH', body: changes });
