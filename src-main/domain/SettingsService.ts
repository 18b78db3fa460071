/** App settings kept in app.db: language, theme, the active workspace, the first run's progress and muted workspaces. */
import type { Language, OnboardingStep, Settings, Theme } from '../common/contract';
import { z } from 'zod';
import { NotFoundError } from '../common/AppError';
import { languageSchema, onboardingStepSchema, themeSchema } from '../common/contract';
import type { AppRegistry } from '../storage/AppRegistry';

export interface SettingsPatch {
  language?: Language | undefined;
  theme?: Theme | undefined;
  onboarding?: OnboardingStep | undefined;
  mute?: { workspaceId: string; muted: boolean } | undefined;
}

const MUTED_KEY = 'mutedWorkspaces';
const mutedSchema = z.array(z.string());

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
    // A device with no step recorded has not been through the first run yet.
    const onboarding = onboardingStepSchema.safeParse(this.registry.getSetting('onboarding'));
    return {
      language: language.success ? language.data : 'system',
      theme: theme.success ? theme.data : 'system',
      activeWorkspaceId: this.activeWorkspaceId(),
      onboarding: onboarding.success ? onboarding.data : 'name',
      mutedWorkspaceIds: this.mutedWorkspaceIds(),
    };
  }

  update(patch: SettingsPatch): Settings {
    if (patch.mute && !this.registry.hasWorkspace(patch.mute.workspaceId)) throw new NotFoundError(`No workspace ${patch.mute.workspaceId} on this device`);
    this.registry.transaction(() => {
      if (patch.language !== undefined) this.registry.setSetting('language', patch.language);
      if (patch.theme !== undefined) this.registry.setSetting('theme', patch.theme);
      if (patch.onboarding !== undefined) this.registry.setSetting('onboarding', patch.onboarding);
      if (patch.mute !== undefined) {
        const others = this.mutedWorkspaceIds().filter((id) => id !== patch.mute?.workspaceId);
        this.registry.setSetting(MUTED_KEY, patch.mute.muted ? [...others, patch.mute.workspaceId] : others);
      }
    });
    const settings = this.get();
    this.onChanged(settings);
    return settings;
  }

  /** Muted workspaces that still exist on this device (a deleted one drops out). */
  private mutedWorkspaceIds(): string[] {
    const stored = mutedSchema.safeParse(this.registry.getSetting(MUTED_KEY));
    return stored.success ? stored.data.filter((id) => this.registry.hasWorkspace(id)) : [];
  }

  /** Tells listeners the settings changed for another reason (e.g. the active workspace). */
  notify(): void {
    this.onChanged(this.get());
  }
}
