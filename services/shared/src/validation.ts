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

/** C0 and C1 control characters and DEL; multi-line text keeps line feed, carriage return and tab. */
/* eslint-disable no-control-regex -- finding control characters is the point of these two */
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/u;
const controlCharacterInLines = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/* eslint-enable no-control-regex */
/** Characters that show nothing: spaces, format characters (zero-width, BOM, bidi marks) and the blank fillers. */
const invisibleOnly = /^[\p{White_Space}\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/**
 * The one text type for what people type: no control characters (line breaks only with `multiline`), no
 * unpaired surrogates, NFC-normalised, trimmed, and a value of only invisible or space characters counts as empty,
 * so `.min(1)` after it means "something a reader can see". Length limits count UTF-16 units after normalising.
 */
export function text(max: number, options: { multiline?: boolean } = {}) {
  const forbidden = options.multiline ? controlCharacterInLines : controlCharacter;
  return z
    .string()
    .refine((value) => value.isWellFormed(), 'must be valid Unicode text')
    .refine(
      (value) => !forbidden.test(value),
      options.multiline ? 'must not contain control characters' : 'must not contain control characters or line breaks',
    )
    .normalize('NFC')
    .overwrite((value) => (invisibleOnly.test(value) ? '' : value.trim()))
    .max(max);
}

/** A secret someone types: checked and normalised like text, never trimmed, since every character counts. */
export function secretText(max: number) {
  return z
    .string()
    .refine((value) => value.isWellFormed(), 'must be valid Unicode text')
    .refine((value) => !controlCharacter.test(value), 'must not contain control characters')
    .normalize('NFC')
    .refine((value) => !invisibleOnly.test(value), 'must contain visible characters')
    .max(max);
}

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
