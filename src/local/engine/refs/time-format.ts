/**
 * The arguments of `{{job.start_time.<arg>}}` and `{{job.trigger.time.<arg>}}`
 * (dynamic-values.md §2.5): always UTC, calendar parts without padding. Pure.
 */
export function formatTimeArg(ms: number, arg: string): string | undefined {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const isoDate = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  // ISO weekday: Monday 1 … Sunday 7 (getUTCDay has Sunday 0).
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  switch (arg) {
    case 'year':
      return String(d.getUTCFullYear());
    case 'month':
      return String(d.getUTCMonth() + 1);
    case 'day':
      return String(d.getUTCDate());
    case 'hour':
      return String(d.getUTCHours());
    case 'minute':
      return String(d.getUTCMinutes());
    case 'second':
      return String(d.getUTCSeconds());
    case 'timestamp_ms':
      return String(ms);
    case 'iso_date':
      return isoDate;
    case 'iso_datetime':
      return `${isoDate}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
    case 'iso_weekday':
      return String(weekday);
    case 'is_weekday':
      return String(weekday <= 5);
    default:
      return undefined;
  }
}
