import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n/i18n';
import { scopeWords } from './scopeWords';

describe('scopeWords', () => {
  it('says what Google and Microsoft scopes allow, once each, in the order granted', () => {
    const t = createTranslator('en');
    const google = 'https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.compose';
    expect(scopeWords(google, t)).toEqual(['See and edit calendar events', 'Read mail', 'Write drafts and send mail']);
    expect(scopeWords('offline_access User.Read openid Calendars.ReadWrite Mail.Send', t)).toEqual(['Stay signed in', 'See your name and address', 'See and edit calendar events', 'Send mail']);
    expect(scopeWords('openid,email', createTranslator('fr'))).toEqual(['Voir votre nom et votre adresse']);
  });

  it('shows an unknown scope as the provider wrote it', () => {
    expect(scopeWords('https://www.googleapis.com/auth/drive  Tasks.Read', createTranslator('en'))).toEqual(['https://www.googleapis.com/auth/drive', 'Tasks.Read']);
  });
});
