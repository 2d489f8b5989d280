// Finds the changes between two OpenAPI documents that would break a client written against the older one:
// a removed or renamed operation, a removed field or enum value, a new required input, a narrowed type, a
// newly protected operation. Additions (operations, optional inputs, response fields, error codes) are safe.

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const typesOf = (schema: Json): string[] => [schema.type ?? []].flat() as string[];

/** Inlines `#/components/...` references, once per branch so that recursive schemas end. */
function resolver(document: Json) {
  return function resolve(value: unknown, seen: ReadonlySet<string> = new Set()): Json {
    const object = asObject(value);
    const ref = object.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return object;
    if (seen.has(ref)) return {};
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => asObject(node)[key], document);
    return resolve(target, new Set([...seen, ref]));
  };
}

/** Merges `allOf` parts into one schema, so fields from each part are compared together. */
function flatten(schema: Json, resolve: (value: unknown) => Json): Json {
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]).map((part) => flatten(resolve(part), resolve)) : [];
  return parts.reduce<Json>(
    (merged, part) => ({
      ...merged,
      ...part,
      properties: { ...asObject(merged.properties), ...asObject(part.properties) },
      required: [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])],
    }),
    { ...schema, allOf: undefined },
  );
}

export function breakingChanges(before: Json, after: Json): string[] {
  const found: string[] = [];
  const resolveBefore = resolver(before);
  const resolveAfter = resolver(after);

  function compareSchema(oldValue: unknown, newValue: unknown, direction: Direction, where: string, depth = 0): void {
    if (depth > 12) return;
    const old = flatten(resolveBefore(oldValue), resolveBefore);
    const now = flatten(resolveAfter(newValue), resolveAfter);
    const oldTypes = typesOf(old);
    const newTypes = typesOf(now);
    if (oldTypes.length && newTypes.length) {
      // a request may accept more types, a response may send fewer
      const lost = direction === 'request' ? oldTypes.filter((t) => !newTypes.includes(t)) : newTypes.filter((t) => !oldTypes.includes(t));
      if (lost.length) found.push(`${where}: type ${oldTypes.join('|')} became ${newTypes.join('|')}`);
    }
    if (Array.isArray(old.enum) && Array.isArray(now.enum)) {
      if (direction === 'request') {
        for (const value of old.enum) if (!now.enum.includes(value)) found.push(`${where}: enum value ${JSON.stringify(value)} removed`);
      } else {
        for (const value of now.enum)
          if (!old.enum.includes(value)) found.push(`${where}: enum value ${JSON.stringify(value)} added to a response`);
      }
    }
    const oldProperties = asObject(old.properties);
    const newProperties = asObject(now.properties);
    const oldRequired = new Set((old.required as string[]) ?? []);
    const newRequired = new Set((now.required as string[]) ?? []);
    for (const [name, schema] of Object.entries(oldProperties)) {
      const at = `${where}.${name}`;
      if (!(name in newProperties)) {
        // a strict request schema refuses a field it no longer knows; a response no longer sends it
        if (direction === 'response' || now.additionalProperties === false) found.push(`${at}: removed`);
        continue;
      }
      if (direction === 'response' && oldRequired.has(name) && !newRequired.has(name)) found.push(`${at}: no longer always sent`);
      compareSchema(schema, newProperties[name], direction, at, depth + 1);
    }
    if (direction === 'request') {
      for (const name of newRequired) if (!oldRequired.has(name)) found.push(`${where}.${name}: newly required`);
    }
    if (old.items !== undefined && now.items !== undefined) compareSchema(old.items, now.items, direction, `${where}[]`, depth + 1);
  }

  const oldPaths = asObject(before.paths);
  const newPaths = asObject(after.paths);
  for (const [path, oldItem] of Object.entries(oldPaths)) {
    for (const method of methods) {
      const old = asObject(asObject(oldItem)[method]);
      if (!Object.keys(old).length) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const now = asObject(asObject(newPaths[path])[method]);
      if (!Object.keys(now).length) {
        found.push(`${name}: operation removed`);
        continue;
      }
      if (old.operationId !== now.operationId)
        found.push(`${name}: operationId ${String(old.operationId)} became ${String(now.operationId)}`);
      const anonymous = (operation: Json) => ((operation.security as Json[]) ?? []).some((s) => Object.keys(s).length === 0);
      if (anonymous(old) && !anonymous(now)) found.push(`${name}: now requires authentication`);

      const parameters = (operation: Json, resolve: (v: unknown) => Json) =>
        new Map(
          ((operation.parameters as unknown[]) ?? [])
            .map((p) => resolve(p))
            .map((p) => [`${String(p.in)} ${String(p.name).toLowerCase()}`, p]),
        );
      const oldParameters = parameters(old, resolveBefore);
      const newParameters = parameters(now, resolveAfter);
      for (const [key, parameter] of newParameters) {
        const previous = oldParameters.get(key);
        if (parameter.required && !previous?.required) found.push(`${name}: parameter ${key} newly required`);
        if (previous) compareSchema(previous.schema, parameter.schema, 'request', `${name} parameter ${key}`);
      }

      const oldBody = asObject(old.requestBody);
      const newBody = asObject(now.requestBody);
      if (newBody.required && !oldBody.required) found.push(`${name}: request body newly required`);
      const jsonOf = (body: Json) => asObject(asObject(body.content)['application/json']).schema;
      if (jsonOf(oldBody) && jsonOf(newBody)) compareSchema(jsonOf(oldBody), jsonOf(newBody), 'request', `${name} body`);

      const oldResponses = asObject(old.responses);
      const newResponses = asObject(now.responses);
      for (const status of Object.keys(oldResponses).filter((s) => s.startsWith('2'))) {
        if (!(status in newResponses)) {
          found.push(`${name}: success status ${status} removed`);
          continue;
        }
        const oldSchema = jsonOf(asObject(oldResponses[status]));
        const newSchema = jsonOf(asObject(newResponses[status]));
        if (oldSchema && newSchema) compareSchema(oldSchema, newSchema, 'response', `${name} ${status}`);
      }
    }
  }
  return found;
}
