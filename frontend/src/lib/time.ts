// Times are shown with their zone named: the viewer's own unless a label says otherwise.

/**
 * One formatter per locale, options and zone: building an Intl.DateTimeFormat costs far more than using one, and
 * a month calendar or a slot list formats hundreds of instants per render.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/**
 * The device's zone, asked of the browser once per page load: each asking builds a whole date formatter just to
 * read its zone, and the app asks whenever who is signed in changes and on several pages.
 */
let deviceZone: string | undefined;
export const browserTimeZone = (): string => (deviceZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

/** Date and time with the zone's short name (e.g. "7 Jan 2030, 18:00 GMT+9"): a time never stands without its zone. */
export function formatDateTime(iso: string | Date, timeZone: string): string {
  return `${formatter('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))} ${zoneAbbreviation(iso, timeZone)}`;
}

export function formatTime(iso: string | Date, timeZone: string): string {
  return formatter('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatDay(iso: string | Date, timeZone: string): string {
  return formatter('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dayKey(iso: string | Date, timeZone: string): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(iso));
}

/** A short zone label such as "GMT+1" for the instant. */
export function zoneAbbreviation(iso: string | Date, timeZone: string): string {
  const part = formatter('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function formatDate(iso: string | Date, timeZone: string): string {
  return formatter('en-GB', { dateStyle: 'medium', timeZone }).format(new Date(iso));
}
