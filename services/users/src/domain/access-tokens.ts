// Signs RS256 access tokens and publishes the public keys as a JWKS; key ids are RFC 7638 thumbprints.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { PublicKeyResolver, Role } from '@tutoring-platform/shared';

export interface TokenPolicy {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

interface PublishedKey {
  kid: string;
  publicKey: KeyObject;
  jwk: { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
}

function publish(publicKey: KeyObject): PublishedKey {
  if (publicKey.asymmetricKeyType !== 'rsa' || (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new Error('JWT signing keys must be RSA keys of at least 2048 bits');
  }
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error('could not export the RSA public key');
  // RFC 7638: SHA-256 over the required members in lexicographic order.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
  return { kid, publicKey, jwk: { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' } };
}

export class AccessTokenIssuer {
  private readonly current: PublishedKey;
  private readonly published: PublishedKey[];

  constructor(
    private readonly signingKey: KeyObject,
    /** Public keys of earlier signing keys, published until the tokens they signed have expired. */
    retiredKeys: KeyObject[],
    readonly policy: TokenPolicy,
  ) {
    this.current = publish(createPublicKey(signingKey));
    this.published = [this.current, ...retiredKeys.map(publish)];
  }

  /** Claims beyond the standard ones: `email_verified` (OpenID Connect) and `amr` (RFC 8176: `pwd`, and `otp` after a second step). */
  sign(user: { id: string; role: Role; displayName: string; emailVerified: boolean }, session: { secondFactor: boolean }): string {
    const claims = {
      role: user.role,
      name: user.displayName,
      typ: 'access',
      email_verified: user.emailVerified,
      amr: session.secondFactor ? ['pwd', 'otp'] : ['pwd'],
    };
    return jwt.sign(claims, this.signingKey, {
      algorithm: 'RS256',
      keyid: this.current.kid,
      subject: user.id,
      issuer: this.policy.issuer,
      audience: this.policy.audience,
      expiresIn: this.policy.ttlSeconds,
    });
  }

  /** A token for one of the platform's services acting on its own behalf (delivering its outbox's events). */
  signService(service: string, ttlSeconds: number): string {
    return jwt.sign({ typ: 'service' }, this.signingKey, {
      algorithm: 'RS256',
      keyid: this.current.kid,
      subject: service,
      issuer: this.policy.issuer,
      audience: this.policy.audience,
      expiresIn: ttlSeconds,
    });
  }

  jwks(): { keys: PublishedKey['jwk'][] } {
    return { keys: this.published.map((k) => k.jwk) };
  }

  /** The service verifies its own tokens from memory rather than fetching its own JWKS. */
  readonly resolveKey: PublicKeyResolver = async (kid) => {
    const key = this.published.find((k) => k.kid === kid);
    if (!key) throw new Error(`unknown kid ${kid}`);
    return key.publicKey;
  };
}
