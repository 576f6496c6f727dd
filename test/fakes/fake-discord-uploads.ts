import type { FakeHandler } from './fake-http.js';
import { parseMultipart } from './multipart.js';
import type { ApiObject } from './fake-discord-world.js';

/** A file the bot attached to a request (multipart `files[n]`), bytes as received. */
export interface DiscordUpload {
  method: string;
  /** Decoded, without /api/v10. */
  path: string;
  field: string;
  filename: string | undefined;
  data: Buffer;
  /** The request's JSON part (`payload_json`): content, flags, the attachments' descriptions. */
  payload: ApiObject;
}

/**
 * Messages with files arrive as multipart/form-data: the JSON body in `payload_json`, each file in
 * `files[n]` (what discord.js sends for interaction callbacks, follow-ups and edits alike). The
 * files are recorded and the routes behind see the JSON body, as for any other request.
 */
export function acceptUploads(handler: FakeHandler, uploads: DiscordUpload[]): FakeHandler {
  return (req, res) => {
    const parts = parseMultipart(req.raw, req.headers['content-type']);
    if (!parts) return handler(req, res);
    const json = parts.find((p) => p.name === 'payload_json');
    const payload = json ? (JSON.parse(json.data.toString('utf8')) as ApiObject) : {};
    const path = decodeURIComponent(new URL(req.path, 'http://fake').pathname).replace(/^\/api\/v10/, '');
    for (const part of parts) {
      if (!/^files\[\d+\]$/.test(part.name)) continue;
      uploads.push({ method: req.method, path, field: part.name, filename: part.filename, data: part.data, payload });
    }
    return handler({ ...req, body: payload }, res);
  };
}
