import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http.js';
import { parseMultipart } from './multipart.js';

/** A file the bot uploaded through files.uploadV2, as the fake saw it at each of the three steps. */
export interface SlackUpload {
  fileId: string;
  /** From files.getUploadURLExternal. */
  filename: string;
  length: number;
  altText: string | undefined;
  /** The bytes POSTed to the upload URL; undefined until they arrive. */
  data?: Buffer;
  /** From files.completeUploadExternal: where it was shared, and its title. */
  completed?: { channelId: string | undefined; title: string | undefined; initialComment: string | undefined };
}

export const UPLOAD_PATH = '/upload/';

/**
 * Slack's external upload flow, which files.uploadV2 drives: getUploadURLExternal hands out an
 * upload URL (on the fake) and a file id, the client POSTs the bytes there, and
 * completeUploadExternal shares the file. Each step is checked against the one before it, as
 * Slack does: unknown ids and incomplete uploads are errors.
 */
export class FakeSlackFiles {
  readonly uploads: SlackUpload[] = [];
  private seq = 0;
  /** The error completeUploadExternal answers with (e.g. not_in_channel), when set. */
  refusal: string | undefined;

  constructor(private readonly baseUrl: () => string) {}

  getUploadUrl(args: Record<string, unknown>): Record<string, unknown> {
    const filename = args['filename'];
    const length = Number(args['length']);
    if (typeof filename !== 'string' || !filename) return { ok: false, error: 'invalid_arguments' };
    if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
    const fileId = `F0FAKE${String(++this.seq).padStart(4, '0')}`;
    this.uploads.push({ fileId, filename, length, altText: typeof args['alt_text'] === 'string' ? args['alt_text'] : undefined });
    return { ok: true, upload_url: `${this.baseUrl()}${UPLOAD_PATH}${fileId}`, file_id: fileId };
  }

  /** The POST of the bytes: a form with the file (what the Web API client sends) or the raw body. */
  receive(req: RecordedRequest, res: ServerResponse, fileId: string): void {
    const upload = this.uploads.find((u) => u.fileId === fileId);
    const parts = parseMultipart(req.raw, req.headers['content-type']);
    const data = parts ? parts.find((p) => p.filename !== undefined)?.data : req.raw;
    if (!upload || req.method !== 'POST' || !data) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    upload.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${data.length}`);
  }

  complete(args: Record<string, unknown>): Record<string, unknown> {
    if (this.refusal) return { ok: false, error: this.refusal };
    const files = Array.isArray(args['files']) ? (args['files'] as Array<{ id?: string; title?: string }>) : [];
    if (files.length === 0) return { ok: false, error: 'invalid_arguments' };
    const uploads = files.map((f) => this.uploads.find((u) => u.fileId === f.id));
    if (uploads.some((u) => !u || !u.data)) return { ok: false, error: 'file_not_found' };
    const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
    files.forEach((f, i) => {
      uploads[i]!.completed = { channelId: text('channel_id'), title: f.title, initialComment: text('initial_comment') };
    });
    return { ok: true, files: files.map((f, i) => ({ id: f.id, title: f.title ?? uploads[i]!.filename, name: uploads[i]!.filename })) };
  }
}
