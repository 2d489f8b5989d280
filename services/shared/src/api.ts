// Declares an endpoint once: the zod schemas validate the request, shape the response and document it in OpenAPI.
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { requireAccess, type AccessLevel, type AuthUser } from './auth';
import { AppError } from './errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteInput<B, Q, P, A extends AccessLevel> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  user: A extends 'public' | 'service' ? AuthUser | undefined : AuthUser;
  /** The platform service that sent a `service` request. */
  caller: A extends 'service' ? string : undefined;
  req: Request;
  res: Response;
}

export interface RouteSpec<B, Q, P, R, A extends AccessLevel> {
  method: Method;
  /** Express-style path below the service prefix, e.g. `/profiles/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Success body; what the handler returns is parsed by it, so fields not in it never leave the service. */
  response?: R;
  /** Success status; 204 when there is no response schema and nothing else is produced. */
  status?: number;
  /** Content type of a non-JSON body the handler sends itself (e.g. text/calendar). */
  produces?: string;
  /** Error statuses worth documenting besides 400/401/403 implied by the spec. */
  errors?: number[];
  handle: (input: RouteInput<B, Q, P, A>) => Promise<R extends Schema ? z.input<R> : void>;
}

const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export class Api {
  readonly router = express.Router();
  private readonly registry = new OpenAPIRegistry();

  constructor(
    private readonly info: { title: string; version: string; description: string },
    readonly prefix: string,
  ) {
    this.registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  }

  route<
    B extends Schema | undefined,
    Q extends Schema | undefined,
    P extends Schema | undefined,
    R extends Schema | undefined,
    A extends AccessLevel,
  >(spec: RouteSpec<B, Q, P, R, A>): void {
    const status = spec.status ?? (spec.response || spec.produces ? 200 : 204);
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const user = requireAccess(req, spec.access);
      // `false` is a body of another type; `null` (or an empty body) is no body, which the schema judges
      if (spec.body && req.is('application/json') === false && req.headers['content-length'] !== '0') {
        throw new AppError('unsupported-media-type', 415, 'Send the request body as application/json');
      }
      const input = {
        body: spec.body ? spec.body.parse(req.body) : undefined,
        query: spec.query ? spec.query.parse(req.query) : undefined,
        params: spec.params ? spec.params.parse(req.params) : undefined,
        user,
        caller: req.caller,
        req,
        res,
      } as RouteInput<B, Q, P, A>;
      const result = await spec.handle(input);
      if (res.headersSent) return;
      if (!spec.response) {
        res.status(status).end();
        return;
      }
      const shaped = spec.response.safeParse(result);
      if (!shaped.success) throw new Error(`response of ${spec.method} ${spec.path} does not match its schema: ${shaped.error.message}`);
      res.status(status).json(shaped.data);
    });
    this.document(spec, status);
  }

  private document(spec: RouteSpec<unknown, unknown, unknown, unknown, AccessLevel>, status: number): void {
    const asSchema = (s: unknown) => s as z.ZodObject;
    const errorStatuses = new Set([
      400,
      ...(spec.access === 'public' ? [] : [401]),
      ...(spec.access === 'admin' || spec.access === 'service' ? [403] : []),
      ...(spec.body ? [415] : []),
      ...(spec.errors ?? []),
    ]);
    this.registry.registerPath({
      method: spec.method,
      path: spec.path === '/' ? this.prefix : `${this.prefix}${openApiPath(spec.path)}`,
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      request: {
        ...(spec.body ? { body: { content: { 'application/json': { schema: asSchema(spec.body) } } } } : {}),
        ...(spec.query ? { query: asSchema(spec.query) } : {}),
        ...(spec.params ? { params: asSchema(spec.params) } : {}),
      },
      responses: {
        [status]: spec.response
          ? { description: 'Success', content: { 'application/json': { schema: asSchema(spec.response) } } }
          : spec.produces
            ? { description: 'Success', content: { [spec.produces]: { schema: z.string() } } }
            : { description: 'Success, no content' },
        ...Object.fromEntries(
          [...errorStatuses].map((code) => [code, { description: 'Error', content: { 'application/json': { schema: errorSchema } } }]),
        ),
      },
    });
  }

  openApiDocument(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: this.info,
      servers: [{ url: '/' }],
    });
  }
}
