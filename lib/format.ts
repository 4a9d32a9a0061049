// Dates and numbers as the source forums show them: "May 29, 2014", "24,960". Dates on pages go
// through <LocalTime> (app/_components/time/), which shows them in the reader's zone; formatDateTime
// is for dates inside sentences the server writes (a ban's "until …"), which name UTC.
const dateFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
const numberFormat = new Intl.NumberFormat("en-US");

/** "2014-05-29" → "May 29, 2014" (a calendar date, no time zone shift). */
export const formatDay = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
export const formatDateTime = (at: Date) => dateTimeFormat.format(at);
export const formatDate = (at: Date) => dateFormat.format(at);
export const formatCount = (n: number) => numberFormat.format(n);

/** "8 MB", "512 KB": how a member reads a file's size. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
