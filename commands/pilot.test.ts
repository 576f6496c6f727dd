import { describe, expect, it } from 'vitest';
import type { PilotService } from '../pilot/pilot-service.js';
import type { Store } from '../store/store.js';
import type { CommandContext } from './command.js';
import { parseChannel, parseSince, pilotCommand } from './pilot.js';

const NOW = Date.UTC(2026, 10, 22, 12);

describe('/pilot arguments', () => {
  it('reads since as hours, days, weeks or a date', () => {
    expect(parseSince('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseSince('2w', NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseSince('2026-11-01', NOW)).toBe(Date.UTC(2026, 10, 1));
    expect(() => parseSince('last tuesday', NOW)).toThrow(/12h, 7d, 2w or 2026-11-01/);
  });

  it('reads a channel as a Discord or Slack mention or an id', () => {
    expect(parseChannel('<#1100000000000000001>')).toBe('1100000000000000001');
    expect(parseChannel('<#C024BE91L|general>')).toBe('C024BE91L');
    expect(parseChannel('C024BE91L')).toBe('C024BE91L');
    expect(() => parseChannel('general chat')).toThrow(/is not a channel/);
  });

  it('takes `/pilot run 7d` typed as text to mean this channel since 7 days', async () => {
    const started: unknown[] = [];
    const pilot = { start: (request: unknown) => { started.push(request); return { id: 'run-1' }; } } as unknown as PilotService;
    const ctx: CommandContext = {
      platform: 'slack', tenant: 'T1', channel: 'C1', user: 'U1', isAdmin: true, subcommand: 'run', options: { channel: '7d' },
      services: { store: {} as Store, pilot, pilotHistoryLimit: 500 }, now: NOW,
    };
    const reply = await pilotCommand.execute(ctx);
    expect(reply.title).toBe('Pilot run run-1 started');
    expect(started).toEqual([expect.objectContaining({ tenant: 'T1', history: { platform: 'slack', channel: 'C1', since: NOW - 7 * 86_400_000, limit: 500 } })]);
  });
});
