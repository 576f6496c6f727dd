import { describe, expect, it } from 'vitest';
import { isAllowed } from './access.js';

const none = { allowUsers: [], blockUsers: [], allowRoles: [], blockRoles: [], allowChannels: [], blockChannels: [] };
const who = { user: 'u1', roles: ['r1'], channel: 'thread-1', parentChannel: 'c1' };

describe('isAllowed', () => {
  it('admits everyone with empty lists', () => expect(isAllowed(who, none)).toBe(true));
  it('blocks by user, role or channel (a thread by its parent), and a block wins over an allow', () => {
    expect(isAllowed(who, { ...none, blockUsers: ['u1'] })).toBe(false);
    expect(isAllowed(who, { ...none, blockRoles: ['r1'] })).toBe(false);
    expect(isAllowed(who, { ...none, blockChannels: ['c1'] })).toBe(false);
    expect(isAllowed(who, { ...none, blockUsers: ['u1'], allowUsers: ['u1'] })).toBe(false);
  });
  it('admits only what a non-empty allow list names', () => {
    expect(isAllowed(who, { ...none, allowUsers: ['u2'] })).toBe(false);
    expect(isAllowed(who, { ...none, allowRoles: ['r1'] })).toBe(true);
    expect(isAllowed(who, { ...none, allowChannels: ['c1'] })).toBe(true);
    expect(isAllowed({ ...who, parentChannel: undefined }, { ...none, allowChannels: ['c1'] })).toBe(false);
  });
});
