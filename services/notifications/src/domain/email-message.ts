// Notifications and account messages as email: a plain-text part, and HTML that reads well on a phone (one column,
// large type, one button). Notifications carry one-click unsubscribe from their type (RFC 8058) in the headers and
// the footer; account messages (a password reset) cannot be turned off.
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { services } from '@tutoring-platform/shared/catalog';
import type { CalendarEntry, NotificationRecord, NotificationType } from '../data/notification-repository';
import type { Recipient } from '../data/recipient-repository';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** A message sent twice carries the same id, so mail clients can tell a repeat. */
  messageId: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

export interface Site {
  publicUrl: string;
  domain: string;
}

const typeNames: Record<NotificationType, string> = {
  'booking-request': 'new session requests',
  'booking-update': 'changes to your sessions',
  'session-reminder': 'reminders before sessions and group meetings',
  'course-approval': 'decisions on the courses you tutor',
  'group-membership': 'places and requests in study groups',
  'group-reply': 'replies to your posts in study groups',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const link = (url: string, text: string) => `<a href="${escapeHtml(url)}" style="color:#59636e">${escapeHtml(text)}</a>`;

interface Letter {
  recipient: Recipient;
  title: string;
  lines: string[];
  action: { label: string; url: string };
  /** The footer: plain text, and HTML with its links. */
  footer: { text: string; html: string };
}

/** The one layout every email shares. */
function compose({ recipient, title, lines, action, footer }: Letter): Pick<EmailMessage, 'text' | 'html'> {
  const text = [`Hi ${recipient.displayName},`, '', title, '', ...lines, '', `${action.label}: ${action.url}`, '', '--', footer.text].join(
    '\n',
  );
  const paragraphs = lines.map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`).join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;background:#f4f5f7;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 12px">Hi ${escapeHtml(recipient.displayName)},</p>
<h1 style="font-size:20px;line-height:1.3;margin:0 0 12px">${escapeHtml(title)}</h1>
${paragraphs}
<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#0d6efd;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px">${escapeHtml(action.label)}</a></p>
</div>
<p style="max-width:560px;margin:12px auto 0;font-size:13px;color:#59636e">${footer.html}</p>
</body></html>`;
  return { text, html };
}

/** The session as an iCalendar file that calendar apps add in one tap; its UID is the booking's, so a later file updates it. */
function calendarFile(entry: CalendarEntry): string {
  const calendar = ical({ prodId: { company: 'tutoring-platform', product: 'notifications' }, name: 'Tutoring session' });
  calendar.createEvent({
    id: `${entry.uid}@tutoring-platform`,
    start: new Date(entry.start),
    end: new Date(entry.end),
    summary: entry.summary,
    description: entry.description,
    location: entry.location,
  });
  return calendar.toString();
}

/** The API address a one-click unsubscribe posts to. */
export const unsubscribeUrl = (publicUrl: string, recipient: Recipient, type: NotificationType) =>
  `${publicUrl}${services.notifications.pathPrefix}/unsubscribe/${recipient.unsubscribeToken}/${type}`;

export function emailMessage(n: NotificationRecord, recipient: Recipient, site: Site): EmailMessage {
  const oneClick = unsubscribeUrl(site.publicUrl, recipient, n.type);
  // a person follows the page (it asks before it acts: mail scanners open links); mail clients post to the API
  const unsubscribe = `${site.publicUrl}/unsubscribe/${recipient.unsubscribeToken}/${n.type}`;
  const settings = `${site.publicUrl}/notifications`;
  const letter = compose({
    recipient,
    title: n.title,
    lines: n.body.split('\n'),
    action: { label: 'Open', url: n.link ? `${site.publicUrl}${n.link}` : site.publicUrl },
    footer: {
      text: `You get these emails for ${typeNames[n.type]}. Stop them: ${unsubscribe} (or choose in ${settings}).`,
      html: `You get these emails for ${typeNames[n.type]}. ${link(unsubscribe, 'Unsubscribe')} or choose in ${link(settings, 'your inbox settings')}.`,
    },
  });
  return {
    to: recipient.email,
    subject: n.title,
    ...letter,
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    messageId: `<${n.id}@${site.domain}>`,
    ...(n.calendar
      ? { attachments: [{ filename: 'session.ics', content: calendarFile(n.calendar), contentType: 'text/calendar; charset=utf-8' }] }
      : {}),
  };
}

/** Messages about the account itself, sent whatever the reader chose: they are how the account is kept safe. */
export type AccountMessage =
  | { type: 'password-reset'; userId: string; token: string; expiresAt: string }
  | { type: 'email-verification'; userId: string; email: string; token: string; expiresAt: string }
  | { type: 'email-change-notice'; userId: string; email: string; previousEmail: string };

interface AccountLetter {
  to: string;
  title: string;
  lines: string[];
  action: { label: string; url: string };
  because: string;
}

function accountLetter(message: AccountMessage, until: (iso: string) => string, recipient: Recipient, site: Site): AccountLetter {
  switch (message.type) {
    case 'password-reset':
      return {
        to: recipient.email,
        title: 'Set a new password',
        lines: [
          `Someone, probably you, asked to set a new password for your account. The link works once, until ${until(message.expiresAt)}.`,
          'Setting a new password signs you out everywhere. If you did not ask, ignore this email: your password stays as it is.',
        ],
        action: { label: 'Set a new password', url: `${site.publicUrl}/reset-password#${message.token}` },
        because: 'a password reset was asked for your account',
      };
    case 'email-verification':
      return {
        to: message.email,
        title: 'Confirm your email',
        lines: [
          `Confirm that ${message.email} is yours, to book tutors and to tutor. The link works once, until ${until(message.expiresAt)}.`,
          'If you did not sign up or ask for this change, ignore this email: nothing changes.',
        ],
        action: { label: 'Confirm my email', url: `${site.publicUrl}/verify-email#${message.token}` },
        because: `this address was given for an account at ${site.domain}`,
      };
    case 'email-change-notice':
      return {
        to: message.previousEmail,
        title: 'Your email is being changed',
        lines: [
          `Someone signed in to your account asked to change its email to ${message.email}. It changes only once that address confirms it.`,
          'If this was not you, set a new password now: that signs everyone out.',
        ],
        action: { label: 'Set a new password', url: `${site.publicUrl}/forgot-password` },
        because: 'it is the email of your account',
      };
  }
}

/** A reset link, a link that confirms an address (sent to that address), or the notice to the old address of a change. */
export function accountMessage(recipient: Recipient, id: number, message: AccountMessage, site: Site): EmailMessage {
  const until = (iso: string) => DateTime.fromISO(iso, { zone: recipient.timezone }).toFormat('d LLL, HH:mm (ZZZZ)');
  const { to, title, lines, action, because } = accountLetter(message, until, recipient, site);
  const footer = { text: `You get this email because ${because}.`, html: `You get this email because ${escapeHtml(because)}.` };
  const letter = compose({ recipient, title, lines, action, footer });
  return { to, subject: title, ...letter, headers: {}, messageId: `<${message.type}-${id}@${site.domain}>` };
}
