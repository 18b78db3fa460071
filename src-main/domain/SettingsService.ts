/** App settings kept in app.db: language, theme and the active workspace. */
import type { Language, Settings, Theme } from '../common/contract';
import { languageSchema, themeSchema } from '../common/contract';
import type { AppRegistry } from '../storage/AppRegistry';

export class SettingsService {
  constructor(
    private readonly registry: AppRegistry,
    private readonly activeWorkspaceId: () => string | null,
    private readonly onChanged: (settings: Settings) => void,
  ) {}

  /** Current settings; a stored value that no longer parses falls back to its default. */
  get(): Settings {
    const language = languageSchema.safeParse(this.registry.getSetting('language'));
    const theme = themeSchema.safeParse(this.registry.getSetting('theme'));
    return {
      language: language.success ? language.data : 'system',
      theme: theme.success ? theme.data : 'system',
      activeWorkspaceId: this.activeWorkspaceId(),
    };
  }

  update(patch: { language?: Language | undefined; theme?: Theme | undefined }): Settings {
    this.registry.transaction(() => {
      if (patch.language !== undefined) this.registry.setSetting('language', patch.language);
      if (patch.theme !== undefined) this.registry.setSetting('theme', patch.theme);
    });
    const settings = this.get();
    this.onChanged(settings);
    return settings;
  }

  /** Tells listeners the settings changed for another reason (e.g. the active workspace). */
  notify(): void {
    this.onChanged(this.get());
  }
}
