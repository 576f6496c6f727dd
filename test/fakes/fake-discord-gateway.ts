import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreateJson, readyJson, type ApiObject } from './fake-discord-world.js';

/** One shard connection; `s` counts its dispatches, as Discord's sequence numbers do per session. */
interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
}

export interface FakeGateway {
  url: string;
  /** Sends a dispatch (op 0) to every identified connection; returns how many got it. */
  dispatch(t: string, d: ApiObject): number;
  /** Connections that have identified and not closed. */
  sessions(): number;
  /** Every IDENTIFY payload received, for assertions on intents. */
  identifies: ApiObject[];
  close(): Promise<void>;
}

/**
 * A minimal Discord gateway (TESTING.md, "Discord"): HELLO on connect, heartbeat ACKs, and on
 * IDENTIFY a READY followed by the guild's GUILD_CREATE. Any number of clients may connect one after
 * another (a restarted bot is a new IDENTIFY, not a RESUME).
 */
export async function startFakeGateway(): Promise<FakeGateway> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions = new Set<Session>();
  const identifies: ApiObject[] = [];
  let sessionCount = 0;

  const send = (session: Session, payload: ApiObject) => {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  };
  const dispatchTo = (session: Session, t: string, d: ApiObject) => send(session, { op: 0, t, s: ++session.seq, d });

  server.on('connection', (socket) => {
    const session: Session = { socket, seq: 0, identified: false };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    // A long interval: the client still beats once at a random point in it, and every beat is acknowledged.
    send(session, { op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (payload.op === 1) send(session, { op: 11, s: null, t: null, d: null });
      if (payload.op === 2) {
        identifies.push(payload.d as ApiObject);
        session.identified = true;
        dispatchTo(session, 'READY', readyJson(`fake-session-${++sessionCount}`, url));
        dispatchTo(session, 'GUILD_CREATE', guildCreateJson());
      }
      // A RESUME cannot be honoured (sessions are not kept): Discord says so with op 9, d false.
      if (payload.op === 6) send(session, { op: 9, s: null, t: null, d: false });
    });
  });

  return {
    url,
    identifies,
    dispatch(t, d) {
      let sent = 0;
      for (const session of sessions) {
        if (!session.identified) continue;
        dispatchTo(session, t, d);
        sent++;
      }
      return sent;
    },
    sessions: () => [...sessions].filter((s) => s.identified).length,
    close: () => new Promise((resolve) => {
      for (const { socket } of sessions) socket.terminate();
      server.close(() => resolve());
    }),
  };
}
