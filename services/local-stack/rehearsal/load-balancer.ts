// A local stand-in for the ALB during a CodeDeploy blue/green cut-over of one service: a prod listener that splits
// the service's path prefix between the blue and green target groups by weight, a test listener that sends it to
// green only, everything else to the rest of the platform. Each target group counts its answers over a sliding
// window, as the CloudWatch metrics the deployment alarm reads.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';

export type Color = 'blue' | 'green';

/** The request header a load generator sets to speak for one of many clients. */
export const SIMULATED_CLIENT = 'x-simulated-client';

interface Answer {
  at: number;
  status: number;
}

export class TargetGroup {
  origin: string | undefined;
  inFlight = 0;
  /** Requests the prod listener sent here, and how many of them answered 5xx. */
  prodRequests = 0;
  prodErrors = 0;
  firstErrorAt: number | undefined;
  private answers: Answer[] = [];

  constructor(readonly color: Color) {}

  record(status: number, prod: boolean): void {
    const at = Date.now();
    this.answers.push({ at, status });
    if (prod) this.prodRequests += 1;
    if (status >= 500) {
      this.firstErrorAt ??= at;
      if (prod) this.prodErrors += 1;
    }
  }

  reset(): void {
    this.answers = [];
    this.prodRequests = 0;
    this.prodErrors = 0;
    this.firstErrorAt = undefined;
  }

  /** Requests and 5xx answers (502 for a broken connection, as the ALB counts it) in the last `windowMs`. */
  window(windowMs: number): { requests: number; errors: number } {
    const since = Date.now() - windowMs;
    this.answers = this.answers.filter((a) => a.at >= since - 60_000);
    const recent = this.answers.filter((a) => a.at >= since);
    return { requests: recent.length, errors: recent.filter((a) => a.status >= 500).length };
  }
}

export interface LoadBalancerOptions {
  /** The path prefix of the service being released, e.g. /api/tutoring. */
  pathPrefix: string;
  blue: string;
  /** Every other path: the rest of the platform (the compose gateway). */
  rest: string;
}

export class LoadBalancer {
  readonly blue = new TargetGroup('blue');
  readonly green = new TargetGroup('green');
  /** The share of the prod listener's traffic green takes (0..1). */
  greenWeight = 0;
  prodUrl = '';
  testUrl = '';
  private readonly proxy = httpProxy.createProxyServer({ agent: new http.Agent({ keepAlive: true, maxSockets: 256 }) });
  private readonly servers: http.Server[] = [];

  constructor(private readonly options: LoadBalancerOptions) {
    this.blue.origin = options.blue;
  }

  async listen(): Promise<void> {
    const prod = await this.listener(true, (req) =>
      this.claims(req) ? (Math.random() < this.greenWeight ? this.green : this.blue) : undefined,
    );
    const test = await this.listener(false, (req) => (this.claims(req) ? this.green : undefined));
    this.prodUrl = `http://127.0.0.1:${(prod.address() as AddressInfo).port}`;
    this.testUrl = `http://127.0.0.1:${(test.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise((resolve) => s.close(resolve))));
    this.proxy.close();
  }

  private claims(req: IncomingMessage): boolean {
    const url = req.url ?? '/';
    return (
      url === this.options.pathPrefix || url.startsWith(`${this.options.pathPrefix}/`) || url.startsWith(`${this.options.pathPrefix}?`)
    );
  }

  private async listener(prod: boolean, route: (req: IncomingMessage) => TargetGroup | undefined): Promise<http.Server> {
    const server = http.createServer((req, res) => this.forward(req, res, prod, route(req)));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.servers.push(server);
    return server;
  }

  private forward(req: IncomingMessage, res: ServerResponse, prod: boolean, group: TargetGroup | undefined): void {
    const target = group ? group.origin : this.options.rest;
    if (!target) {
      // a target group with no registered targets
      group?.record(503, prod);
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"error":{"code":"no-targets","message":"no healthy targets","requestId":""}}');
      return;
    }
    // As the ALB does: the client's address as the one X-Forwarded-For hop the services trust. A load generator
    // plays many students from one socket by naming each request's client.
    const simulated = req.headers[SIMULATED_CLIENT];
    delete req.headers[SIMULATED_CLIENT];
    req.headers['x-forwarded-for'] = typeof simulated === 'string' ? simulated : (req.socket.remoteAddress ?? '');
    if (group) {
      group.inFlight += 1;
      res.once('close', () => {
        group.inFlight -= 1;
        group.record(res.statusCode, prod);
      });
    }
    this.proxy.web(req, res, { target }, () => {
      if (res.headersSent) return void res.destroy();
      res
        .writeHead(502, { 'content-type': 'application/json' })
        .end('{"error":{"code":"bad-gateway","message":"target reset","requestId":""}}');
    });
  }
}
