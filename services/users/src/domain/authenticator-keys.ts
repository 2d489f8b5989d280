// Authenticator keys at rest: AES-256-GCM under a key derived from TOTP_ENCRYPTION_KEY (Secrets Manager in AWS),
// bound to the account, so a copy of the database alone yields no key that makes codes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface AuthenticatorKeys {
  seal(userId: string, key: string): string;
  open(userId: string, sealed: string): string;
}

export function authenticatorKeys(secret: string): AuthenticatorKeys {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'two-step sign-in keys', 32));
  return {
    seal(userId, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
    },
    open(userId, sealed) {
      const bytes = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(Buffer.from(userId));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
