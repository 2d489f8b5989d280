// A notification as an email: a plain-text part, HTML that reads well on a phone, and one-click unsubscribe from
// its type (RFC 8058) in the headers and the footer.
import type { NotificationRecord, NotificationType } from '../data/notification-repository';
import type { Recipient } from '../data/recipient-repository';
import { services } from '@tutoring-platform/shared/catalog';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The same notification sent twice carries the same id, so mail clients can tell a repeat. */
  messageId: string;
}

const typeNames: Record<NotificationType, string> = {
  'booking-request': 'new session requests',
  'booking-update': 'changes to your sessions',
  'session-reminder': 'session reminders',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The API address a one-click unsubscribe posts to. */
export const unsubscribeUrl = (publicUrl: string, recipient: Recipient, type: NotificationType) =>
  `${publicUrl}${services.notifications.pathPrefix}/unsubscribe/${recipient.unsubscribeToken}/${type}`;

export function emailMessage(n: NotificationRecord, recipient: Recipient, site: { publicUrl: string; domain: string }): EmailMessage {
  const link = n.link ? `${site.publicUrl}${n.link}` : site.publicUrl;
  const oneClick = unsubscribeUrl(site.publicUrl, recipient, n.type);
  // a person follows the page (it asks before it acts: mail scanners open links); mail clients post to the API
  const unsubscribe = `${site.publicUrl}/unsubscribe/${recipient.unsubscribeToken}/${n.type}`;
  const settings = `${site.publicUrl}/settings`;
  const footer = `You get these emails for ${typeNames[n.type]}. Stop them: ${unsubscribe} (or choose in ${settings}).`;
  const text = [`Hi ${recipient.displayName},`, '', n.title, '', n.body, '', `Open: ${link}`, '', '--', footer].join('\n');
  const paragraphs = n.body
    .split('\n')
    .map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(n.title)}</title></head>
<body style="margin:0;padding:16px;background:#f4f5f7;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 12px">Hi ${escapeHtml(recipient.displayName)},</p>
<h1 style="font-size:20px;line-height:1.3;margin:0 0 12px">${escapeHtml(n.title)}</h1>
${paragraphs}
<p style="margin:20px 0"><a href="${escapeHtml(link)}" style="display:inline-block;background:#0d6efd;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px">Open</a></p>
</div>
<p style="max-width:560px;margin:12px auto 0;font-size:13px;color:#59636e">You get these emails for ${typeNames[n.type]}.
<a href="${escapeHtml(unsubscribe)}" style="color:#59636e">Unsubscribe</a> or choose in <a href="${escapeHtml(settings)}" style="color:#59636e">settings</a>.</p>
</body></html>`;
  return {
    to: recipient.email,
    subject: n.title,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    messageId: `<${n.id}@${site.domain}>`,
  };
}
