/**
 * A plain-text mail as an RFC 5322 message, base64url-encoded as Gmail's
 * `raw` wants it. Header values are refused when they hold line breaks (no
 * header injection); the subject is RFC 2047-encoded when not ASCII.
 */
import { ValidationError } from '../../common/AppError';
import type { OutgoingMail } from './CalendarMailService';

function headerValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new ValidationError(`The ${name} of a mail cannot hold line breaks`);
  return value;
}

export function rfc5322(mail: OutgoingMail): string {
  const subject = /^[\x20-\x7e]*$/.test(mail.subject) ? mail.subject : `=?UTF-8?B?${Buffer.from(mail.subject, 'utf8').toString('base64')}?=`;
  const lines = [
    `To: ${headerValue('To', mail.to.join(', '))}`,
    ...(mail.cc?.length ? [`Cc: ${headerValue('Cc', mail.cc.join(', '))}`] : []),
    `Subject: ${headerValue('Subject', subject)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(mail.body, 'utf8').toString('base64'),
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64url');
}
