import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sign with this secret instead of the right one (a forgery). */
  secret?: string;
  /** Send no X-Slack-Signature / X-Slack-Request-Timestamp headers at all. */
  unsigned?: boolean;
}

export interface SlackPostResult {
  status: number;
  body: string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`, as Slack signs its requests. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Slack's side of HTTP mode: posts signed requests to the bot's /slack/events the way Slack does,
 * Events API envelopes as JSON, slash commands and interactivity as form posts.
 */
export class SlackSender {
  private eventSeq = 0;

  constructor(private readonly endpoint: string, private readonly signingSecret: string) {}

  /** An Events API `event_callback` envelope around `event`. */
  event(event: Record<string, unknown>, options: SignOptions & { teamId?: string } = {}): Promise<SlackPostResult> {
    const teamId = options.teamId ?? 'T0TEAM';
    const body = JSON.stringify({
      token: 'legacy-verification-token', team_id: teamId, api_app_id: 'A0FAKE', type: 'event_callback',
      event_id: `Ev${++this.eventSeq}`, event_time: Math.floor(Date.now() / 1000), event,
      authorizations: [{ team_id: teamId, user_id: 'U0BOT', is_bot: true, enterprise_id: null, is_enterprise_install: false }],
    });
    return this.post(body, 'application/json', options);
  }

  /** A slash command, form-encoded like Slack sends it. */
  command(fields: Record<string, string>, options: SignOptions = {}): Promise<SlackPostResult> {
    const body = new URLSearchParams({ token: 'legacy-verification-token', api_app_id: 'A0FAKE', trigger_id: 't.1', ...fields }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** Interactivity (a button click…): the JSON payload in a `payload=` form field. */
  interaction(payload: Record<string, unknown>, options: SignOptions = {}): Promise<SlackPostResult> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  private async post(body: string, contentType: string, options: SignOptions): Promise<SlackPostResult> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (!options.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = slackSignature(options.secret ?? this.signingSecret, timestamp, body);
    }
    const response = await fetch(this.endpoint, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  }
}
