/** The three HTTP-date formats of RFC 9110 §5.6.7, to write `Retry-After` values with. */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number): string => String(n).padStart(2, '0');
const time = (d: Date): string => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

/** The name of each format. */
export type HttpDateFormat = 'IMF-fixdate' | 'RFC 850' | 'asctime';

/** Writes `ms` (whole seconds are kept) in one of the three formats. */
export function httpDate(ms: number, format: HttpDateFormat): string {
  const d = new Date(ms);
  const day = DAYS[d.getUTCDay()]!;
  const month = MONTHS[d.getUTCMonth()]!;
  switch (format) {
    case 'IMF-fixdate': // Sun, 06 Nov 1994 08:49:37 GMT
      return `${day.slice(0, 3)}, ${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${time(d)} GMT`;
    case 'RFC 850': // Sunday, 06-Nov-94 08:49:37 GMT
      return `${day}, ${two(d.getUTCDate())}-${month}-${two(d.getUTCFullYear() % 100)} ${time(d)} GMT`;
    case 'asctime': // Sun Nov  6 08:49:37 1994
      return `${day.slice(0, 3)} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${d.getUTCFullYear()}`;
  }
}
