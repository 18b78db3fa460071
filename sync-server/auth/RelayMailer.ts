/**
 * Outgoing mail of the relay: one-time codes and invitations. With SMTP
 * configured, mail goes through nodemailer; without (allowed only in dev
 * mode, see config.ts), it is written to the relay log and the last code per
 * email is kept for tests. With SMTP, no code ever reaches the log: a failed
 * send logs what kind of mail it was, not its subject.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../../src-main/common/Logger';
import { RelayError } from '../RelayError';

/** An invitation to announce. */
export interface InvitationMail {
  email: string;
  workspaceId: string;
  role: string;
  token: string;
  expiresAt: string;
}

/** Sends the relay's mail. */
export interface RelayMailer {
  sendCode(email: string, code: string): Promise<void>;
  sendInvitation(mail: InvitationMail): Promise<void>;
  /** The last code sent to `email` when mail goes to the log; null with SMTP. */
  lastCode(email: string): string | null;
  close(): void;
}

/** Options of `createRelayMailer`. */
export interface RelayMailerOptions {
  smtpUrl?: string;
  smtpFrom?: string;
  publicUrl: string;
  logger: Logger;
}

/** The SMTP mailer when `smtpUrl` is set, else the log mailer. */
export function createRelayMailer(options: RelayMailerOptions): RelayMailer {
  if (options.smtpUrl && options.smtpFrom) return smtpMailer(options.smtpUrl, options.smtpFrom, options.publicUrl, options.logger);
  return logMailer(options.publicUrl, options.logger);
}

function smtpMailer(url: string, from: string, publicUrl: string, logger: Logger): RelayMailer {
  const transport = nodemailer.createTransport(url);
  const send = async (to: string, kind: 'code' | 'invitation', subject: string, text: string): Promise<void> => {
    try {
      await transport.sendMail({ from, to, subject, text });
    } catch (err) {
      logger('error', 'mail.failed', { to, kind, err: err instanceof Error ? err.message.replaceAll(/\d{8}/g, '********') : 'send failed' });
      throw new RelayError('INTERNAL', 'The relay could not send the email; try again later.', { cause: err });
    }
  };
  return {
    sendCode: (email, code) => send(email, 'code', `Your Qwanyx sign-in code: ${code}`, codeText(code)),
    sendInvitation: (mail) => send(mail.email, 'invitation', `You are invited to a Qwanyx workspace`, invitationText(mail, publicUrl)),
    lastCode: () => null,
    close: () => transport.close(),
  };
}

function logMailer(publicUrl: string, logger: Logger): RelayMailer {
  const codes = new Map<string, string>();
  return {
    sendCode: (email, code) => {
      // Bounded: one entry per email, and emails are rate-limited.
      codes.delete(email);
      if (codes.size >= 10_000) codes.delete(codes.keys().next().value as string);
      codes.set(email, code);
      logger('info', 'auth.dev_code', { email, code, note: 'no SMTP configured: the one-time code is printed instead of mailed' });
      return Promise.resolve();
    },
    sendInvitation: (mail) => {
      logger('info', 'invitation.dev_mail', { email: mail.email, workspaceId: mail.workspaceId, role: mail.role, token: mail.token, relay: publicUrl });
      return Promise.resolve();
    },
    lastCode: (email) => codes.get(email.trim().toLowerCase()) ?? null,
    close: () => codes.clear(),
  };
}

function codeText(code: string): string {
  return `Your Qwanyx sign-in code is ${code}.\n\nIt is valid for 10 minutes. If you did not ask for it, ignore this email.\n`;
}

function invitationText(mail: InvitationMail, publicUrl: string): string {
  return [
    `You are invited to join the Qwanyx workspace ${mail.workspaceId} as ${mail.role}.`,
    '',
    `In Qwanyx, sign in to the relay ${publicUrl} with this email address, then accept the invitation with this token:`,
    '',
    `    ${mail.token}`,
    '',
    `The invitation expires at ${mail.expiresAt}.`,
    '',
  ].join('\n');
}
