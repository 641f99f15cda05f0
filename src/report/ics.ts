// iCalendar formatter (RFC 5545): one all-day VEVENT per deadline of the portfolio calendar, each with a
// display reminder. Text is escaped (\\ ; , and newlines), lines are folded at 75 octets without splitting
// a UTF-8 character, and UIDs are stable across runs (derived from the document, the kind and the date),
// so importing a newer report updates events instead of duplicating them.
import { createHash } from 'node:crypto';
import type { Deadline, Report } from '../schema.js';
import { DEADLINE_LABEL, displayName, reflow, visible } from './view.js';

/** Days before the deadline that the reminder fires, by kind. */
export const REMINDER_DAYS: Record<Deadline['kind'], number> = {
  'renewal-notice': 14,
  expiry: 30,
  'restriction-end': 7,
  other: 7,
};

export function icsText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters have no place in a calendar line
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n?|\n/g, '\\n')
  );
}

/** Fold a content line into chunks of at most 75 octets, continuation lines starting with one space. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--; // not inside a character
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space counts
  }
  return parts.join('\r\n ');
}

function basicDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : `${m[1]}${m[2]}${m[3]}`;
}

function nextDay(iso: string): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

function stamp(iso: string): string {
  const d = new Date(iso);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function deadlineUid(d: Deadline, docSha?: string): string {
  const h = createHash('sha256')
    .update([docSha ?? d.file, d.kind, d.date, d.title].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  return `${h}@clausemap`;
}

export function renderIcs(report: Report): string {
  const sha = new Map(report.documents.map((d) => [d.file, d.sha256]));
  const dtstamp = stamp(report.generatedAt);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//clausemap//clausemap ${report.tool.version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`clausemap: ${visible(report.title)}`)}`,
  ];
  const seen = new Set<string>();
  for (const d of [...(report.portfolio?.calendar ?? [])].sort((a, b) => a.date.localeCompare(b.date))) {
    const start = basicDate(d.date);
    if (!start) continue;
    const uid = deadlineUid(d, sha.get(d.file));
    if (seen.has(uid)) continue;
    seen.add(uid);
    const name = displayName(d.file);
    const what = DEADLINE_LABEL[d.kind];
    const quote = d.clause
      ? `\n\n${d.clause.page ? `Page ${d.clause.page}: ` : ''}"${visible(reflow(d.clause.text).trim()).slice(0, 600)}"${d.clause.review ? `\nFor review: ${visible(d.clause.review)}` : ''}`
      : '';
    const days = REMINDER_DAYS[d.kind];
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${nextDay(d.date)}`,
      `SUMMARY:${icsText(`${what}: ${name}`)}`,
      `DESCRIPTION:${icsText(`${visible(d.title)}\nContract: ${name}${quote}`)}`,
      `CATEGORIES:${icsText(d.kind)}`,
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:-P${days}D`,
      `DESCRIPTION:${icsText(`In ${days} days: ${what.toLowerCase()} of ${name}`)}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
