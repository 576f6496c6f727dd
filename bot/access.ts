import type { Config } from '../config/index.js';

/** Who asked where: what the allow/block lists are checked against. */
export interface AccessSubject {
  user: string;
  /** Discord role ids of the member (empty elsewhere). */
  roles: readonly string[];
  channel: string;
  /** The channel a thread belongs to, so listing a channel covers its threads. */
  parentChannel?: string;
}

/**
 * Allow/block lists for users, roles and channels (config.access): a block always wins; a
 * non-empty allow list admits only what it names; empty lists admit everyone.
 */
export function isAllowed(subject: AccessSubject, access: Config['access']): boolean {
  const channels = [subject.channel, ...(subject.parentChannel ? [subject.parentChannel] : [])];
  if (access.blockUsers.includes(subject.user)) return false;
  if (subject.roles.some((r) => access.blockRoles.includes(r))) return false;
  if (channels.some((c) => access.blockChannels.includes(c))) return false;
  if (access.allowUsers.length && !access.allowUsers.includes(subject.user)) return false;
  if (access.allowRoles.length && !subject.roles.some((r) => access.allowRoles.includes(r))) return false;
  if (access.allowChannels.length && !channels.some((c) => access.allowChannels.includes(c))) return false;
  return true;
}
