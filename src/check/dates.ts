// Calendar arithmetic on ISO dates (yyyy-mm-dd), in UTC.

export function addMonths(iso: string, months: number): string {
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const whole = Math.floor(months);
  const dt = new Date(Date.UTC(y, mo - 1 + whole, d));
  const extra = Math.round((months - whole) * 30);
  dt.setUTCDate(dt.getUTCDate() + extra);
  return dt.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const dt = new Date(iso + 'T00:00:00Z');
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}
