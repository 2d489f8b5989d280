// Value schemas that several services validate the same way.
import { z } from 'zod';

/**
 * An IANA time zone name such as `America/New_York`, kept as given: ICU in Node 20 would canonicalise
 * modern names to legacy ones (Asia/Kolkata -> Asia/Calcutta), so it only checks that ICU knows the zone.
 */
export const ianaTimeZone = z
  .string()
  .max(64)
  .regex(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone name such as Europe/London')
  .refine((name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA time zone')
  .meta({ description: 'IANA time zone name', example: 'Europe/London' });

export const uuid = z.uuid();

/** Opaque keyset cursor: base64url JSON produced by the service itself. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function cursorSchema<S extends z.ZodType>(shape: S) {
  return z
    .string()
    .max(512)
    .transform((raw, ctx) => {
      try {
        const parsed = shape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
        if (parsed.success) return parsed.data as z.output<S>;
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'is not a valid cursor' });
      return z.NEVER;
    });
}

/** Splits rows fetched with `limit + 1` into the page and, when more follow, the cursor of the page's last row. */
export function pageOf<T, C>(rows: T[], limit: number, cursorOf: (last: T) => C): { items: T[]; next?: C } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return rows.length > limit && last !== undefined ? { items, next: cursorOf(last) } : { items };
}
