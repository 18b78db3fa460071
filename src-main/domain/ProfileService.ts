/** The local profile: the display name and email this person uses in every workspace. */
import os from 'node:os';
import type { Profile } from '../common/contract';
import type { AppRegistry } from '../storage/AppRegistry';

export class ProfileService {
  constructor(
    private readonly registry: AppRegistry,
    private readonly onChanged: (profile: Profile) => void,
  ) {}

  /** The stored profile, or a first-launch one named after the OS account. */
  get(): Profile {
    return this.registry.getProfile() ?? { displayName: defaultDisplayName(), email: '' };
  }

  update(profile: Profile): Profile {
    this.registry.setProfile(profile);
    this.onChanged(profile);
    return profile;
  }
}

function defaultDisplayName(): string {
  try {
    const name = os.userInfo().username.trim();
    return name.length > 0 ? name.slice(0, 80) : 'Me';
  } catch {
    // Some sandboxes have no passwd entry for the user; a neutral name will do.
    return 'Me';
  }
}
