/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a multipart/form-data body (RFC 7578) into its parts, bytes intact, for fakes that
 * receive file uploads; undefined when the content type is not multipart. Only what undici's
 * FormData and the form-data package write is handled: one boundary, CRLF line ends.
 */
export function parseMultipart(raw: Buffer, contentType: string | undefined): FormPart[] | undefined {
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]!}`);
  const parts: FormPart[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    // "--" after a delimiter closes the body.
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    // The part sits between the CRLF ending the delimiter line and the CRLF before the next one.
    const part = raw.subarray(start + CRLF.length, next - CRLF.length);
    const split = part.indexOf(HEADER_END);
    if (split >= 0) parts.push(formPart(part.subarray(0, split).toString('utf8'), part.subarray(split + HEADER_END.length)));
    at = next;
  }
  return parts;
}

function formPart(head: string, data: Buffer): FormPart {
  const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim();
  return { name, data: Buffer.from(data), ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) };
}
