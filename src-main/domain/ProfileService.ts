/**
 * The local profile: the display name and email this person uses in every
 * workspace, and the user id that authors their messages: a random id
 * created at first launch, until the device signs in to a relay, when the
 * relay account's id takes its place (so one email on two devices is one
 * person) and the local id becomes an alias whose earlier data (authors,
 * read pointers, reactions, memberships) stays theirs.
 */
import os from 'node:os';
import type { Profile } from '../common/contract';
import type { AppRegistry } from '../storage/AppRegistry';

export class ProfileService {
  private current: Profile;
  private aliasIds: readonly string[];

  constructor(
    private readonly registry: AppRegistry,
    newId: () => string,
    private readonly onChanged: (profile: Profile) => void,
  ) {
    this.current = registry.ensureProfile({ userId: newId(), displayName: defaultDisplayName(), email: '' });
    this.aliasIds = registry.profileAliases();
  }

  get(): Profile {
    return this.current;
  }

  /** Earlier ids of this person on this device (see AppRegistry.profileAliases). */
  aliases(): readonly string[] {
    return this.aliasIds;
  }

  /** Links the profile to relay account `account` (the first one only); true when the user id changed. */
  linkAccount(account: { userId: string; email: string }): boolean {
    if (!this.registry.linkProfile(account.userId, account.email)) return false;
    this.current = this.registry.getProfile() ?? this.current;
    this.aliasIds = this.registry.profileAliases();
    this.onChanged(this.current);
    return true;
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
