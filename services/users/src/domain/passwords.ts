// Password hashing (argon2id, self-describing PHC strings so costs can rise later) and the password policy.
import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '@tutoring-platform/shared';

export interface HashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** About 49,000 of the most common leaked passwords, shipped with @zxcvbn-ts/language-common. */
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function assertAcceptablePassword(password: string): void {
  if (commonPasswords.has(password.toLowerCase())) {
    throw new AppError('weak-password', 400, 'This password is too common; choose another', { path: 'password' });
  }
}

export class PasswordHasher {
  /** A hash of nothing anyone knows, verified for unknown emails so they take as long as wrong passwords. */
  private readonly decoy: Promise<string>;

  constructor(private readonly cost: HashCost) {
    this.decoy = this.hash(`decoy-${Math.random()}`);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.cost });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }

  async verifyDecoy(password: string): Promise<false> {
    await this.verify(await this.decoy, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, { ...this.cost });
  }
}
