// Two-step sign-in with an authenticator app (TOTP, RFC 6238): enrolment by QR code or text key, ten one-time
// recovery codes, and the second step after a right password. Administrators cannot work without it.
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { accountSuspended, throttled } from './log-in';
import { hashSecretToken } from './secret-tokens';
import { startSession, type IssuedSession } from './sessions';

export const ISSUER = 'Study Group & Peer Tutoring';
/** Wrong codes one challenge survives; after them the password must be given again (itself throttled). */
export const MAX_CODES_PER_CHALLENGE = 5;
export const RECOVERY_CODE_COUNT = 10;
/** A code of the step before or after the current one still counts: clocks drift and people type slowly. */
const TOLERANCE_SECONDS = 30;

export interface Enrolment {
  /** The secret as text (base32), for typing into an app by hand. */
  key: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URL. */
  qrCode: string;
}

const invalidCode = () => new AppError('invalid-code', 401, 'That code is not right; try the current one from your app');

/** 80 random bits in four groups of four base32 characters: 'k3qf-9xbz-…'. */
const newRecoveryCode = (): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
};
const hashRecoveryCode = (code: string): Buffer =>
  createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z2-7]/g, ''))
    .digest();

const accountOf = async (deps: UsersDependencies, userId: string): Promise<UserRecord> => {
  const user = await deps.users.findById(userId);
  if (!user) throw new AppError('user-not-found', 404, 'The account no longer exists');
  return user;
};

/** The time step a code belongs to, if it is right for `secret` and newer than `afterStep`. */
async function acceptedStep(secret: string, code: string, afterStep: number | null): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/**
 * A new secret, waiting for its first code. With two-step sign-in already on (a new phone), only a session signed
 * in with both steps may replace it: a stolen password alone cannot move the second factor.
 */
export async function startEnrolment(deps: UsersDependencies, auth: { id: string; secondFactor: boolean }): Promise<Enrolment> {
  const user = await accountOf(deps, auth.id);
  if (user.twoFactorEnabled && !auth.secondFactor) {
    throw new AppError('second-factor-required', 403, 'Sign in with your current authenticator first, then set up the new one');
  }
  const key = generateSecret();
  await deps.twoFactor.setPending(user.id, deps.authenticatorKeys.seal(user.id, key));
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret: key });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { key, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The first code from the app turns two-step sign-in on; the answer holds the recovery codes, shown this once. */
export async function confirmEnrolment(deps: UsersDependencies, userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const state = await deps.twoFactor.state(userId);
  if (!state?.pendingSecret) throw new AppError('no-enrolment', 409, 'Start the set-up again: there is no key waiting for a code');
  const step = await acceptedStep(deps.authenticatorKeys.open(userId, state.pendingSecret), code, null);
  if (step === undefined) throw invalidCode();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  if (!(await deps.twoFactor.enable(userId, state.pendingSecret, step, recoveryCodes.map(hashRecoveryCode)))) {
    throw new AppError('no-enrolment', 409, 'Start the set-up again: the key was replaced meanwhile');
  }
  return { recoveryCodes };
}

/** Turns two-step sign-in off with a current code; administrators keep it. */
export async function turnOff(deps: UsersDependencies, userId: string, code: string): Promise<void> {
  const user = await accountOf(deps, userId);
  if (user.role === 'admin') throw new AppError('second-factor-required', 403, 'Administrators keep two-step sign-in on');
  const state = await deps.twoFactor.state(userId);
  if (!state?.secret) return;
  const step = await acceptedStep(deps.authenticatorKeys.open(userId, state.secret), code, state.lastStep);
  if (step === undefined || !(await deps.twoFactor.useStep(userId, step))) throw invalidCode();
  await deps.twoFactor.disable(userId);
}

/**
 * The second step: a code from the app (each works once) or an unused recovery code. Wrong codes are throttled
 * per challenge and per account, so starting over with the password does not buy more guesses.
 */
export async function completeSecondStep(
  deps: UsersDependencies,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  clientIp: string,
): Promise<IssuedSession> {
  const challengeHash = hashSecretToken(input.challenge);
  const attempt = await deps.twoFactor.attempt(challengeHash);
  const expired = () => new AppError('sign-in-expired', 401, 'This sign-in has expired; enter your password again');
  if (!attempt) throw expired();
  if (attempt.failures > MAX_CODES_PER_CHALLENGE) {
    await deps.twoFactor.passed(challengeHash);
    throw expired();
  }
  const account = `second-step:${attempt.userId}`;
  await throttled(deps, { [account]: deps.loginPolicy.maxFailuresPerAccount, [`ip:${clientIp}`]: deps.loginPolicy.maxFailuresPerClient });
  const state = await deps.twoFactor.state(attempt.userId);
  if (!state?.secret) throw expired();
  let accepted: boolean;
  if (input.code !== undefined) {
    const step = await acceptedStep(deps.authenticatorKeys.open(attempt.userId, state.secret), input.code, state.lastStep);
    accepted = step !== undefined && (await deps.twoFactor.useStep(attempt.userId, step));
  } else {
    accepted = await deps.twoFactor.useRecoveryCode(attempt.userId, hashRecoveryCode(input.recoveryCode ?? ''));
  }
  if (!accepted) throw invalidCode();
  await deps.twoFactor.passed(challengeHash);
  await deps.loginAttempts.succeeded(account, `ip:${clientIp}`);
  const user = await accountOf(deps, attempt.userId);
  if (user.status !== 'active') throw accountSuspended();
  return startSession(deps, user, true);
}
