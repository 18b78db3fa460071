/** The app itself: version and shell, the local profile, and app settings (theme, language). */
import { appChannels, appEvents } from '../../../common/contract';
import { SettingsService } from '../../../domain/SettingsService';
import { defineModule } from '../../FeatureModule';

/** The version every shell reports (`app.info`). */
export const APP_VERSION = '0.1.0';

export const appModule = defineModule({
  name: 'app',
  channels: appChannels,
  events: appEvents,
  create: (ctx) => {
    const settings = new SettingsService(ctx.registry, () => ctx.workspaces.activeId(), (s) => ctx.bus.emit('settings.changed', s));
    // The active workspace is part of the settings: a changed list may have changed it.
    ctx.bus.on('workspaces.changed', () => settings.notify());
    return { settings };
  },
  handlers: ({ settings }, ctx) => ({
    'app.info': async () => ({
      version: APP_VERSION,
      platform: process.platform,
      shell: ctx.config.shell,
      keychain: await ctx.secrets.status(),
    }),
    'profile.get': () => ctx.profile.get(),
    'profile.update': (input) => ctx.profile.update(input),
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),
  }),
});
