import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A Socket Mode envelope as Slack sends it over the websocket. */
export interface SocketEnvelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: unknown;
  accepts_response_payload?: boolean;
}

export interface FakeSlackSocket {
  url: string;
  /** Every `{envelope_id, payload?}` the app sent back, in order. */
  acks: Array<{ envelope_id: string; payload?: unknown }>;
  connections(): number;
  /** Sends an envelope to every connected app. */
  send(envelope: SocketEnvelope): void;
  close(): Promise<void>;
}

/**
 * Slack's side of Socket Mode on loopback: greets each connection with `{type:'hello'}` (which is
 * what makes the client's start() resolve), pushes envelopes, and records the acks.
 */
export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  const acks: FakeSlackSocket['acks'] = [];
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) acks.push({ envelope_id: message.envelope_id, payload: message.payload });
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake-slack' } }));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    connections: () => sockets.size,
    send(envelope) {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.terminate();
      server.close(() => resolve());
    }),
  };
}
