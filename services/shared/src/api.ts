// Declares an endpoint once: the zod schemas validate the request, shape the response and document it in OpenAPI,
// together with its operation name, its security, the headers it reads and sends and every error it can answer.
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { requireAccess, type AccessLevel, type AuthUser } from './auth';
import { AppError } from './errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

/** A request header in the contract: checked before the handler runs, with its own error when absent or invalid. */
export interface RequestHeader<S extends Schema = Schema> {
  /** As documented, e.g. `Idempotency-Key`; matched case-insensitively. */
  name: string;
  description: string;
  /** Optional headers have an optional schema. */
  schema: S;
  invalid: { code: string; status: ErrorStatus; message: string };
}
type Headers = Record<string, RequestHeader>;

/** `Idempotency-Key`: a retried request with the same key gets the first answer again, and nothing is done twice. */
export const idempotencyKeyHeader = (maxLength: number) =>
  ({
    name: 'Idempotency-Key',
    description: `A key the client makes for this intent (a UUID, say), 1 to ${maxLength} visible ASCII characters. Retrying with the same key never does the work twice.`,
    schema: z.string().regex(new RegExp(`^[\\x21-\\x7e]{1,${maxLength}}$`)),
    invalid: {
      code: 'idempotency-key-required',
      status: 400,
      message: `Send an Idempotency-Key header (1 to ${maxLength} visible characters)`,
    },
  }) satisfies RequestHeader;

type HeaderValues<H> = H extends Headers ? { [K in keyof H]: z.output<H[K]['schema']> } : undefined;

/** A response header in the contract. */
export interface ResponseHeader {
  name: string;
  description: string;
  schema: { type: 'string' | 'integer'; enum?: string[] };
}

export const responseHeaders = {
  idempotentReplayed: {
    name: 'Idempotent-Replayed',
    description: '`true` when this answer repeats the one first given for the same Idempotency-Key; nothing was done again.',
    schema: { type: 'string', enum: ['true'] },
  },
  retryAfter: {
    name: 'Retry-After',
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer' },
  },
  rateLimit: {
    name: 'RateLimit',
    description: 'The caller’s request budget in this window: `limit=<n>, remaining=<n>, reset=<seconds>` (IETF draft 7).',
    schema: { type: 'string' },
  },
  rateLimitPolicy: {
    name: 'RateLimit-Policy',
    description: 'The budget’s policy: `<requests>;w=<window seconds>` (IETF draft 7).',
    schema: { type: 'string' },
  },
  deprecation: {
    name: 'Deprecation',
    description: 'On a deprecated operation: when it was deprecated, as `@<unix seconds>` (RFC 9745).',
    schema: { type: 'string' },
  },
  sunset: {
    name: 'Sunset',
    description: 'On a deprecated operation: the HTTP date after which it may stop working (RFC 8594).',
    schema: { type: 'string' },
  },
  wwwAuthenticate: {
    name: 'WWW-Authenticate',
    description: 'The bearer scheme, and `error="invalid_token"` when the token sent was rejected.',
    schema: { type: 'string' },
  },
} satisfies Record<string, ResponseHeader>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;
/** The error codes (`slot-taken`, `group-full`...) an operation can answer, by HTTP status. */
export type ErrorCodes = Partial<Record<ErrorStatus, readonly string[]>>;

/** A file sent as the raw request body (a photo), of one of `types`, at most `maxBytes`. */
export interface Upload {
  types: readonly string[];
  maxBytes: number;
  description: string;
}

export interface RouteInput<B, Q, P, H, A extends AccessLevel> {
  body: Out<B>;
  /** The bytes of an `upload` route's body; empty elsewhere. */
  upload: Buffer;
  query: Out<Q>;
  params: Out<P>;
  headers: HeaderValues<H>;
  user: A extends 'public' | 'service' ? AuthUser | undefined : AuthUser;
  /** The platform service that sent a `service` request. */
  caller: A extends 'service' ? string : undefined;
  req: Request;
  res: Response;
}

export interface RouteSpec<B, Q, P, H, R, A extends AccessLevel> {
  method: Method;
  /** Express-style path below the service prefix, e.g. `/profiles/:id`. */
  path: string;
  /** The stable name generated clients use as the method name, e.g. `bookSession`. Never renamed. */
  operationId: string;
  /** One line. */
  summary: string;
  /** What the operation does and the rules it applies, for someone integrating with it. */
  description: string;
  /** One of the tags the Api declares. */
  tag: string;
  access: A;
  body?: B;
  /** Instead of a JSON body: a file as the raw body. */
  upload?: Upload;
  query?: Q;
  params?: P;
  headers?: H;
  /** Success body; what the handler returns is parsed by it, so fields not in it never leave the service. */
  response?: R;
  /** Success status; 204 when there is no response schema and nothing else is produced. */
  status?: number;
  /** Content type of a non-JSON body the handler sends itself (e.g. text/calendar). */
  produces?: string;
  /** Headers the handler sets on a success. */
  responseHeaders?: ResponseHeader[];
  /** The errors the operation itself can answer, merged if several; validation, access, limits and outages are implied. */
  errors?: ErrorCodes | readonly ErrorCodes[];
  /**
   * A deprecated operation keeps working until its sunset, at least `MIN_DEPRECATION_DAYS` after `since`, and
   * says so in its document and in `Deprecation` and `Sunset` headers on every answer (README: "API contract").
   */
  deprecated?: { since: string; sunset: string };
  /** Examples shown in the docs; each is checked against its schema when the route is declared. */
  examples?: { body?: B extends Schema ? z.input<B> : never; response?: R extends Schema ? z.output<R> : never };
  handle: (input: RouteInput<B, Q, P, H, A>) => Promise<R extends Schema ? z.input<R> : void>;
}

/** Every error answer has this shape (`ErrorBody` in errors.ts). */
const errorSchema: Parameters<OpenAPIRegistry['registerComponent']>[2] = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable and kebab-case; each operation lists the codes it can send' },
        message: { type: 'string', description: 'For people; it may change' },
        requestId: { type: 'string', description: 'Quote it when reporting a problem' },
        details: { description: 'For `validation-failed`: the path and message of each problem' },
      },
    },
  },
};

/** Who answers for the API and on what terms campus systems use it (README: "API contract"). */
const apiTerms = {
  contact: { name: 'Tutoring platform team' },
  license: { name: 'Proprietary: used by campus partners under their agreement', identifier: 'LicenseRef-Proprietary' },
};

/** How long a deprecated operation or field keeps working, at least. */
export const MIN_DEPRECATION_DAYS = 180;

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const undeclared: string[] = [];
/**
 * Errors an operation answered that its contract does not list. The tests assert this stays empty; in
 * production it is only kept (the first 100) so that a drifted contract is a finding, never a failed request.
 */
export const undeclaredErrors = (): readonly string[] => undeclared;

/** The answers every operation of its kind can give, whatever it does. */
function impliedErrors(spec: RouteSpec<unknown, unknown, unknown, Headers | undefined, unknown, AccessLevel>): ErrorCodes {
  const hasInput = Boolean(spec.body ?? spec.query ?? spec.params);
  const hasBody = Boolean(spec.body ?? spec.upload);
  return {
    400: [...(hasInput ? ['validation-failed'] : []), ...(spec.body ? ['invalid-json'] : [])],
    // A token that is sent is checked on every operation, public ones too.
    401: ['invalid-token', ...(spec.access === 'public' ? [] : ['authentication-required'])],
    403: { public: [], user: [], verified: ['email-not-verified'], admin: ['forbidden', 'second-factor-required'], service: ['forbidden'] }[
      spec.access
    ],
    413: hasBody ? ['payload-too-large'] : [],
    415: hasBody ? ['unsupported-media-type', 'unsupported-charset', 'unsupported-encoding'] : [],
    429: ['rate-limited'],
    503: ['starting', 'dependency-unavailable'],
  };
}

function mergeErrors(...all: ErrorCodes[]): Map<ErrorStatus, string[]> {
  const merged = new Map<ErrorStatus, Set<string>>();
  for (const codes of all) {
    for (const [status, list] of Object.entries(codes) as [string, readonly string[]][]) {
      for (const code of list) {
        const set = merged.get(Number(status) as ErrorStatus) ?? new Set<string>();
        merged.set(Number(status) as ErrorStatus, set.add(code));
      }
    }
  }
  return new Map([...merged].sort(([a], [b]) => a - b).map(([status, set]) => [status, [...set].sort()]));
}

/** Error answers that many operations give, documented once under these names. */
const commonErrors: Record<string, string> = {
  '400 validation-failed': 'ValidationFailed',
  '400 invalid-json validation-failed': 'InvalidRequest',
  '401 invalid-token': 'InvalidToken',
  '401 authentication-required invalid-token': 'Unauthenticated',
  '403 forbidden': 'Forbidden',
  '413 payload-too-large': 'PayloadTooLarge',
  '415 unsupported-charset unsupported-encoding unsupported-media-type': 'UnsupportedMediaType',
  '429 rate-limited': 'RateLimited',
  '503 dependency-unavailable starting': 'Unavailable',
};

export class Api {
  readonly router = express.Router();
  private readonly registry = new OpenAPIRegistry();
  private readonly operationIds = new Set<string>();
  private readonly components = new Set<string>();

  constructor(
    private readonly info: { title: string; version: string; description: string },
    readonly prefix: string,
    /** Every tag an operation may use, with what it groups. */
    private readonly tags: Record<string, string>,
  ) {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An RS256 access token from the users service (`POST /api/users/auth/login`), verified with its JWKS.',
    });
    this.registry.registerComponent('schemas', 'Error', errorSchema);
  }

  /** A reference to a component, registered the first time an operation uses it. */
  private componentRef(kind: 'headers' | 'responses', name: string, value: () => object): { $ref: string } {
    if (!this.components.has(`${kind}/${name}`)) {
      this.components.add(`${kind}/${name}`);
      this.registry.registerComponent(kind, name, value() as never);
    }
    return { $ref: `#/components/${kind}/${name}` };
  }

  private headersObject(headers: ResponseHeader[]) {
    return Object.fromEntries(
      headers.map((h) => [h.name, this.componentRef('headers', h.name, () => ({ description: h.description, schema: h.schema }))]),
    );
  }

  private errorResponse(status: ErrorStatus, codes: string[]) {
    const response = () => ({
      description: `Error: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      headers: this.headersObject([
        responseHeaders.rateLimit,
        responseHeaders.rateLimitPolicy,
        ...(status === 429 || status === 503 ? [responseHeaders.retryAfter] : []),
        ...(status === 401 ? [responseHeaders.wwwAuthenticate] : []),
      ]),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Error' },
              { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } } },
            ],
          },
        },
      },
    });
    const common = commonErrors[`${status} ${codes.join(' ')}`];
    return common ? this.componentRef('responses', common, response) : response();
  }

  route<
    B extends Schema | undefined,
    Q extends Schema | undefined,
    P extends Schema | undefined,
    H extends Headers | undefined,
    R extends Schema | undefined,
    A extends AccessLevel,
  >(spec: RouteSpec<B, Q, P, H, R, A>): void {
    const status = spec.status ?? (spec.response || spec.produces ? 200 : 204);
    const declared = this.declare(
      spec as unknown as RouteSpec<unknown, unknown, unknown, Headers | undefined, unknown, AccessLevel>,
      status,
    );
    const headers = Object.entries((spec.headers ?? {}) as Headers);
    const deprecation = spec.deprecated && {
      Deprecation: `@${Date.parse(spec.deprecated.since) / 1000}`,
      Sunset: new Date(spec.deprecated.sunset).toUTCString(),
    };
    const upload = spec.upload;
    const readUpload = upload ? [express.raw({ type: [...upload.types], limit: upload.maxBytes })] : [];
    this.router[spec.method](spec.path, ...readUpload, async (req: Request, res: Response) => {
      if (deprecation) res.set(deprecation);
      try {
        const user = requireAccess(req, spec.access);
        const headerValues = Object.fromEntries(
          headers.map(([key, header]) => {
            const parsed = header.schema.safeParse(req.get(header.name));
            if (!parsed.success) throw new AppError(header.invalid.code, header.invalid.status, header.invalid.message);
            return [key, parsed.data];
          }),
        );
        // `false` is a body of another type; `null` (or an empty body) is no body, which the schema judges
        if (spec.body && req.is('application/json') === false && req.headers['content-length'] !== '0') {
          throw new AppError('unsupported-media-type', 415, 'Send the request body as application/json');
        }
        if (upload && !Buffer.isBuffer(req.body)) {
          throw new AppError('unsupported-media-type', 415, `Send the file as ${upload.types.join(', ')}`);
        }
        const input = {
          body: spec.body ? spec.body.parse(req.body) : undefined,
          upload: upload ? (req.body as Buffer) : Buffer.alloc(0),
          query: spec.query ? spec.query.parse(req.query) : undefined,
          params: spec.params ? spec.params.parse(req.params) : undefined,
          headers: spec.headers ? headerValues : undefined,
          user,
          caller: req.caller,
          req,
          res,
        } as RouteInput<B, Q, P, H, A>;
        const result = await spec.handle(input);
        if (res.headersSent) return;
        if (!spec.response) {
          res.status(status).end();
          return;
        }
        const shaped = spec.response.safeParse(result);
        if (!shaped.success) throw new Error(`response of ${spec.method} ${spec.path} does not match its schema: ${shaped.error.message}`);
        res.status(status).json(shaped.data);
      } catch (err) {
        if (err instanceof AppError && !declared.get(err.httpStatus as ErrorStatus)?.includes(err.code) && undeclared.length < 100) {
          undeclared.push(`${spec.operationId}: ${err.httpStatus} ${err.code}`);
        }
        throw err;
      }
    });
  }

  /** Documents the operation and answers the errors it may give, by status. */
  private declare(
    spec: RouteSpec<unknown, unknown, unknown, Headers | undefined, unknown, AccessLevel>,
    status: number,
  ): Map<ErrorStatus, string[]> {
    if (!(spec.tag in this.tags)) throw new Error(`${spec.operationId}: tag ${spec.tag} is not declared by the Api`);
    if (this.operationIds.has(spec.operationId)) throw new Error(`operationId ${spec.operationId} is used twice`);
    if (spec.deprecated) {
      const { since, sunset } = spec.deprecated;
      const days = (Date.parse(sunset) - Date.parse(since)) / 86_400_000;
      if (!(days >= MIN_DEPRECATION_DAYS)) {
        throw new Error(`${spec.operationId}: a deprecated operation lives at least ${MIN_DEPRECATION_DAYS} days (${since} to ${sunset})`);
      }
    }
    this.operationIds.add(spec.operationId);
    const requestHeaders = Object.values(spec.headers ?? {});
    const errors = mergeErrors(
      impliedErrors(spec),
      ...requestHeaders.map((h) => ({ [h.invalid.status]: [h.invalid.code] })),
      ...[spec.errors ?? []].flat(),
    );
    const asSchema = (s: unknown) => s as z.ZodObject;
    const example = (schema: unknown, value: unknown) => {
      if (value === undefined) return {};
      const checked = (schema as Schema).safeParse(value);
      if (!checked.success) throw new Error(`${spec.operationId}: example does not match its schema: ${checked.error.message}`);
      return { example: value };
    };
    const successHeaders = this.headersObject([
      responseHeaders.rateLimit,
      responseHeaders.rateLimitPolicy,
      ...(spec.responseHeaders ?? []),
      ...(spec.deprecated ? [responseHeaders.deprecation, responseHeaders.sunset] : []),
    ]);
    this.registry.registerPath({
      method: spec.method,
      path: spec.path === '/' ? this.prefix : `${this.prefix}${openApiPath(spec.path)}`,
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: [spec.tag],
      ...(spec.deprecated ? { deprecated: true } : {}),
      security: spec.access === 'public' ? [{}, { bearer: [] }] : [{ bearer: [] }],
      request: {
        ...(spec.upload
          ? {
              body: {
                required: true,
                description: spec.upload.description,
                content: Object.fromEntries(spec.upload.types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
              },
            }
          : {}),
        ...(spec.body
          ? {
              body: {
                required: !(spec.body as Schema).safeParse(undefined).success,
                content: { 'application/json': { schema: asSchema(spec.body), ...example(spec.body, spec.examples?.body) } },
              },
            }
          : {}),
        ...(spec.query ? { query: asSchema(spec.query) } : {}),
        ...(spec.params ? { params: asSchema(spec.params) } : {}),
        ...(requestHeaders.length
          ? { headers: z.object(Object.fromEntries(requestHeaders.map((h) => [h.name, h.schema.meta({ description: h.description })]))) }
          : {}),
      },
      responses: {
        [status]: spec.response
          ? {
              description: 'Success',
              headers: successHeaders,
              content: { 'application/json': { schema: asSchema(spec.response), ...example(spec.response, spec.examples?.response) } },
            }
          : spec.produces
            ? { description: 'Success', headers: successHeaders, content: { [spec.produces]: { schema: z.string() } } }
            : { description: 'Success, no content', headers: successHeaders },
        ...Object.fromEntries(
          [...errors].filter(([, codes]) => codes.length > 0).map(([code, codes]) => [code, this.errorResponse(code, codes)]),
        ),
      },
    });
    return errors;
  }

  openApiDocument(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        ...this.info,
        ...apiTerms,
      },
      servers: [{ url: '/' }],
      tags: Object.entries(this.tags).map(([name, description]) => ({ name, description })),
    });
  }
}
