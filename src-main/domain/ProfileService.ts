/**
 * The local profile: the display name and email this person uses in every
 * workspace, and the stable user id created at first launch that authors
 * their messages.
 */
import os from 'node:os';
import type { Profile } from '../common/contract';
import type { AppRegistry } from '../storage/AppRegistry';

export class ProfileService {
  private current: Profile;

  constructor(
    private readonly registry: AppRegistry,
    newId: () => string,
    private readonly onChanged: (profile: Profile) => void,
  ) {
    this.current = registry.ensureProfile({ userId: newId(), displayName: defaultDisplayName(), email: '' });
  }

  get(): Profile {
    return this.current;
  }

  update(input: { displayName: string; email: string }): Profile {
    this.registry.setProfile(input);
    this.current = { ...this.current, ...input };
    this.onChanged(this.current);
    return this.current;
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
