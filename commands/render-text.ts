import type { CommandReply } from './command.js';

/** A reply as monospace text (the table aligned in a code block): Discord's and Slack's common ground. */
export function renderReplyText(reply: CommandReply, options: { bold: (s: string) => string; code: (s: string) => string }): string {
  const parts = [options.bold(reply.title), ...reply.lines];
  if (reply.table) {
    const { header, rows, align = [] } = reply.table;
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    parts.push(options.code([line(header), ...rows.map(line)].join('\n')));
  }
  if (reply.footer) parts.push(reply.footer);
  return parts.join('\n');
}
