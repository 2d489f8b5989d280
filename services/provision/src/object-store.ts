// The S3-compatible server that stands in for Amazon S3 on this machine (`npm start`, docker compose, the tests):
// the services talk to it with the same S3 client and requests they send to S3 in AWS.
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { objectStoreServices } from '@tutoring-platform/shared/catalog';

/** The local server's one key pair; in AWS the task role supplies real credentials. */
export const localObjectStoreCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The buckets of the catalog under their local names. */
export const localBuckets = (): string[] => objectStoreServices.map((s) => s.objects.localBucketName);

export interface RunningObjectStore {
  /** For the S3 client's `endpoint` (path-style addressing). */
  endpoint: string;
  stop(): Promise<void>;
}

/** Serves objects from `dataDir`, with `buckets` created when missing; port 0 picks a free port. */
export async function startObjectStore(options: {
  port: number;
  dataDir: string;
  buckets: readonly string[];
  address?: string;
}): Promise<RunningObjectStore> {
  const address = options.address ?? '127.0.0.1';
  const server = new S3rver({
    address,
    port: options.port,
    directory: options.dataDir,
    silent: true,
    // path-style only: bucket names in the host would need DNS the local machine does not have
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const bound: AddressInfo = await server.run();
  const host = address === '0.0.0.0' ? '127.0.0.1' : address;
  return { endpoint: `http://${host}:${bound.port}`, stop: () => server.close() };
}
