import { breakingChanges } from '../src/contract-diff';

const booking = {
  type: 'object',
  properties: { id: { type: 'string' }, status: { type: 'string', enum: ['pending', 'confirmed'] }, notes: { type: ['string', 'null'] } },
  required: ['id', 'status', 'notes'],
};
const base = () => ({
  openapi: '3.1.0',
  components: { schemas: { Booking: structuredClone(booking) } },
  paths: {
    '/bookings': {
      post: {
        operationId: 'bookSession',
        security: [{ bearer: [] }],
        parameters: [{ in: 'header', name: 'Idempotency-Key', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  start: { type: 'string' },
                  mode: { type: 'string', enum: ['online', 'in_person'] },
                  message: { type: 'string' },
                },
                required: ['start'],
              },
            },
          },
        },
        responses: { 201: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Booking' } } } } },
      },
    },
    '/courses': {
      get: {
        operationId: 'listCourses',
        security: [{}, { bearer: [] }],
        parameters: [{ in: 'query', name: 'q', required: false, schema: { type: 'string' } }],
        responses: { 200: { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } },
      },
    },
  },
});
type Doc = ReturnType<typeof base>;
const changed = (edit: (doc: Doc) => void) => {
  const after = base();
  edit(after);
  return breakingChanges(base(), after);
};
const book = (doc: Doc) => doc.paths['/bookings'].post;
const bookBody = (doc: Doc) => book(doc).requestBody.content['application/json'].schema;

describe('breaking changes between two OpenAPI documents', () => {
  it('when nothing changes, or only things are added, then none', () => {
    expect(breakingChanges(base(), base())).toEqual([]);
    expect(
      changed((doc) => {
        Object.assign(doc.paths, { '/new': { get: { operationId: 'newOne', responses: {} } } });
        Object.assign(bookBody(doc).properties, { seats: { type: 'integer' } });
        bookBody(doc).properties.mode.enum.push('hybrid');
        Object.assign(doc.components.schemas.Booking.properties, { extra: { type: 'string' } });
        doc.paths['/courses'].get.parameters.push({ in: 'query', name: 'subject', required: false, schema: { type: 'string' } });
      }),
    ).toEqual([]);
  });

  it('when an operation goes or is renamed, then each is breaking', () => {
    expect(changed((doc) => delete (doc.paths as Partial<Doc['paths']>)['/courses'])).toEqual(['GET /courses: operation removed']);
    expect(changed((doc) => (book(doc).operationId = 'createBooking'))).toEqual([
      'POST /bookings: operationId bookSession became createBooking',
    ]);
  });

  it('when an input becomes required or an accepted value or field is removed, then each is breaking', () => {
    expect(changed((doc) => (doc.paths['/courses'].get.parameters[0]!.required = true))).toEqual([
      'GET /courses: parameter query q newly required',
    ]);
    expect(changed((doc) => bookBody(doc).required.push('message'))).toEqual(['POST /bookings body.message: newly required']);
    expect(changed((doc) => (bookBody(doc).properties.mode.enum = ['online']))).toEqual([
      'POST /bookings body.mode: enum value "in_person" removed',
    ]);
    expect(changed((doc) => delete (bookBody(doc).properties as Partial<ReturnType<typeof bookBody>['properties']>).message)).toEqual([
      'POST /bookings body.message: removed',
    ]);
  });

  it('when a response field is removed, made optional, widened or given a new enum value (through a $ref), then each is breaking', () => {
    const schema = (doc: Doc) => doc.components.schemas.Booking;
    expect(changed((doc) => delete (schema(doc).properties as Partial<typeof booking.properties>).notes)).toEqual([
      'POST /bookings 201.notes: removed',
    ]);
    expect(changed((doc) => (schema(doc).required = ['id', 'status']))).toEqual(['POST /bookings 201.notes: no longer always sent']);
    expect(changed((doc) => (schema(doc).properties.id.type = 'integer'))).toEqual(['POST /bookings 201.id: type string became integer']);
    expect(changed((doc) => schema(doc).properties.status.enum.push('expired'))).toEqual([
      'POST /bookings 201.status: enum value "expired" added to a response',
    ]);
  });

  it('when a public operation starts requiring a token, then it is breaking', () => {
    expect(changed((doc) => (doc.paths['/courses'].get.security = [{ bearer: [] }]))).toEqual([
      'GET /courses: now requires authentication',
    ]);
  });
});
