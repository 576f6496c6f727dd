import { createHash } from 'node:crypto';
import type { HistorySource, SourceText } from './types.js';

/** What one run reads. Any mix of the three kinds is allowed; at least one must be given. */
export interface IngestRequest {
  /** Texts from a request body; `id` defaults to a hash of the text, so posting the same text twice adds it once. */
  texts?: ReadonlyArray<{ text: string; id?: string; channel?: string; author?: string; url?: string }>;
  /** Uploaded text or markdown files, whole (segmenting cuts them up). */
  files?: ReadonlyArray<{ name: string; content: string }>;
  /** A channel's recent history, read through the running adapter of that platform. */
  history?: { platform: 'discord' | 'slack'; channel: string; since: number; limit: number };
}

/** Where texts without a channel of their own are filed (their namespace's last part). */
export const UPLOAD_CHANNEL = 'uploads';

/** The largest text one source may hold; a bigger upload is refused rather than cut silently. */
export const MAX_SOURCE_CHARS = 2_000_000;

/** Uploads must be text or markdown; the API checks before starting a run, ingest again for any caller. */
export function checkUploadName(name: string): void {
  if (!/\.(txt|md|markdown)$/i.test(name)) throw new Error(`${name}: only .txt and .md files can be ingested`);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

export function describeIngest(request: IngestRequest): Record<string, unknown> {
  return {
    texts: request.texts?.length ?? 0,
    files: request.files?.map((f) => f.name) ?? [],
    ...(request.history ? { history: { ...request.history } } : {}),
  };
}

/** Reads every source of the request into SourceTexts, or throws a message an admin can act on. */
export async function ingest(
  request: IngestRequest, now: number, history: (platform: 'discord' | 'slack') => HistorySource | undefined, signal?: AbortSignal,
): Promise<SourceText[]> {
  const out: SourceText[] = [];
  if (!request.texts?.length && !request.files?.length && !request.history) {
    throw new Error('nothing to ingest: give texts, files, or a channel');
  }
  for (const t of request.texts ?? []) {
    const text = String(t.text ?? '').trim();
    if (!text) continue;
    if (text.length > MAX_SOURCE_CHARS) throw new Error(`a text is ${text.length} characters; the limit is ${MAX_SOURCE_CHARS}`);
    out.push({
      sourceId: `body:${t.id ?? digest(text)}`, origin: 'body', channel: t.channel ?? UPLOAD_CHANNEL,
      author: t.author ?? 'api', createdAt: now, text, ...(t.url ? { url: t.url } : {}),
    });
  }
  for (const file of request.files ?? []) {
    checkUploadName(file.name);
    if (file.content.length > MAX_SOURCE_CHARS) throw new Error(`${file.name} is ${file.content.length} characters; the limit is ${MAX_SOURCE_CHARS}`);
    if (!file.content.trim()) continue;
    out.push({
      sourceId: `upload:${file.name}:${digest(file.content)}`, origin: 'upload', channel: UPLOAD_CHANNEL,
      author: 'upload', createdAt: now, text: file.content,
    });
  }
  if (request.history) {
    const { platform, channel, since, limit } = request.history;
    const source = history(platform);
    if (!source) throw new Error(`no ${platform} adapter is running, so channel ${channel} cannot be read`);
    out.push(...await source.history(channel, { since, limit, ...(signal ? { signal } : {}) }));
  }
  return out;
}
