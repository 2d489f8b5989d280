// Tutors' photos as objects in a bucket: Amazon S3 in AWS, the local S3-compatible server elsewhere. Nothing else
// touches the S3 client.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AppError } from '@tutoring-platform/shared';

export interface PhotoStore {
  put(key: string, image: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or undefined when there is no such object. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

/** A photo's key: below the tutor's own prefix, named by the hash of its bytes, so a key never changes content. */
export const photoKey = (tutorId: string, photoId: string) => `tutors/${tutorId}/${photoId}.webp`;

const unavailable = () =>
  new AppError('dependency-unavailable', 503, 'The photo store is unavailable; try again shortly', undefined, { 'Retry-After': '2' });

/** A client for the bucket's region; `endpoint` only locally (path-style, as the local server has no DNS per bucket). */
export function s3Client(settings: {
  region: string;
  endpoint?: string | undefined;
  timeoutMs: number;
  /** Only for a local server; otherwise the SDK's chain finds them (the task role in AWS). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    requestHandler: { connectionTimeout: settings.timeoutMs, requestTimeout: settings.timeoutMs },
    maxAttempts: 2,
  });
}

export class S3PhotoStore implements PhotoStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, image: Uint8Array, contentType: string): Promise<void> {
    await this.client
      .send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: image, ContentType: contentType }))
      .catch(() => Promise.reject(unavailable()));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await object.Body!.transformToByteArray();
    } catch (err) {
      if (err instanceof NoSuchKey) return undefined;
      throw unavailable();
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => Promise.reject(unavailable()));
  }
}
