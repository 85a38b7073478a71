/**
 * Parsers for HTTP-dates and the `Retry-After` response field.
 *
 * Pure functions, no I/O: the retry policy decides what to do with the result.
 *
 * @packageDocumentation
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY_NAMES_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_NAMES = DAY_NAMES_LONG.map((name) => name.slice(0, 3));

// RFC 9110 §5.6.7 grammar, one expression per format. The ABNF literals (`GMT`,
// month and day names) are case-sensitive (%s"..."), so the expressions are too.
// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete RFC 850 format: `Sunday, 06-Nov-94 08:49:37 GMT`
const RFC850_DATE = /^([A-Za-z]{6,9}), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete asctime format: `Sun Nov  6 08:49:37 1994` (day is 2DIGIT or SP DIGIT).
const ASCTIME_DATE = /^([A-Za-z]{3}) ([A-Za-z]{3}) (\d{2}| \d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

// RFC 9110 §5.5: a field value carries no leading or trailing whitespace (SP / HTAB).
const OWS_EDGES = /^[ \t]+|[ \t]+$/g;

const MS_PER_SECOND = 1000;

/** A parsed timestamp and the weekday (0 = Sunday) of its calendar date. */
type Stamp = readonly [ms: number, weekday: number];

/**
 * Builds an epoch-millisecond timestamp from UTC fields, or `undefined` when a field is
 * out of range. `Date.UTC` would silently roll `31 Feb` over into March, so the result
 * is checked field by field. The weekday is taken before the time is applied, so a leap
 * second (`23:59:60`, which rolls over into the next day) is checked against its own date.
 */
function utcTimestamp(
  year: number,
  monthIndex: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Stamp | undefined {
  // RFC 9110 §5.6.7: time-of-day is 00:00:00 - 23:59:60 (60 = leap second).
  if (monthIndex < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 onto 1900-1999.
  date.setUTCFullYear(year, monthIndex, day);
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return undefined;
  const weekday = date.getUTCDay();
  date.setUTCHours(hour, minute, second, 0);
  return [date.getTime(), weekday];
}

/**
 * RFC 9110 §5.6.7: a two-digit RFC 850 year that "appears to be more than 50 years in
 * the future" means "the most recent year in the past that had the same last two
 * digits". Starting in the next century and stepping back picks the latest candidate
 * that is at most 50 years ahead of `nowMs`.
 */
function expandTwoDigitYear(
  twoDigitYear: number,
  fields: readonly [monthIndex: number, day: number, hour: number, minute: number, second: number],
  nowMs: number,
): Stamp | undefined {
  const now = new Date(nowMs);
  const limit = new Date(nowMs);
  limit.setUTCFullYear(now.getUTCFullYear() + 50);
  const limitMs = limit.getTime();
  let year = Math.floor(now.getUTCFullYear() / 100) * 100 + 100 + twoDigitYear;
  for (let step = 0; step < 3; step += 1, year -= 100) {
    const stamp = utcTimestamp(year, ...fields);
    // An invalid day (29 Feb in a non-leap candidate year) may be valid a century earlier.
    if (stamp !== undefined && stamp[0] <= limitMs) return stamp;
  }
  return undefined;
}

/**
 * Returns `ms` only when the day name the sender wrote is the weekday `ms` falls on: a
 * mismatch means the value was garbled or hand-made, and guessing which half is right
 * would be worse than ignoring it.
 */
function checkWeekday(stamp: Stamp | undefined, names: readonly string[], dayName: string): number | undefined {
  return stamp !== undefined && stamp[1] === names.indexOf(dayName) ? stamp[0] : undefined;
}

function monthIndexOf(name: string): number {
  return (MONTHS as readonly string[]).indexOf(name);
}

/**
 * Parses an HTTP-date in any of the three formats RFC 9110 §5.6.7 requires recipients to
 * accept, and returns it as epoch milliseconds.
 *
 * The parser is strict: it follows the RFC's grammar exactly (case-sensitive names,
 * fixed field widths, `GMT` only), and rejects out-of-range fields (`31 Feb`, `24:00:00`)
 * and a day name that does not match the date, so a garbled header is ignored rather
 * than misread.
 *
 * @param value - The field value, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
 * @param nowMs - The reference time for the 50-year rule on RFC 850 two-digit years.
 *   Defaults to `Date.now()`.
 * @returns Epoch milliseconds, or `undefined` when `value` is not a valid HTTP-date.
 *
 * @example
 * ```ts
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'); // 784111777000
 * parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT'); // 784111777000
 * parseHttpDate('Sun Nov  6 08:49:37 1994'); // 784111777000
 * parseHttpDate('yesterday'); // undefined
 * ```
 */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | undefined {
  const fields = dateFields(value.replace(OWS_EDGES, ''));
  if (fields === undefined) return undefined;
  const [dayName = '', day, month = '', year = '', hour, minute, second] = fields;
  const rest = [monthIndexOf(month), Number(day), Number(hour), Number(minute), Number(second)] as const;
  // Only the obsolete RFC 850 format has a two-digit year, and a long day name.
  return year.length === 2
    ? checkWeekday(expandTwoDigitYear(Number(year), rest, nowMs), DAY_NAMES_LONG, dayName)
    : checkWeekday(utcTimestamp(Number(year), ...rest), DAY_NAMES, dayName);
}

/** The fields of an HTTP-date in any of the three formats, in IMF-fixdate order: day name, day, month, year, hour, minute, second. */
function dateFields(text: string): Array<string | undefined> | undefined {
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime) {
    const [, dayName, month, day, hour, minute, second, year] = asctime;
    return [dayName, day, month, year, hour, minute, second];
  }
  return (IMF_FIXDATE.exec(text) ?? RFC850_DATE.exec(text))?.slice(1);
}

// RFC 9110 §10.2.3: delay-seconds = 1*DIGIT. No sign, no fraction, no exponent.
const DELAY_SECONDS = /^\d+$/;

/**
 * Parses a `Retry-After` field value (RFC 9110 §10.2.3) into the number of milliseconds
 * to wait, measured from `nowMs`.
 *
 * - `delay-seconds` (a non-negative integer) → that many seconds. `1.5`, `-1`, `+3` and
 *   `abc` are not delay-seconds and give `undefined`.
 * - An HTTP-date (any §5.6.7 format) → the time until that date; a date in the past
 *   means "now", so `0`.
 *
 * Absurdly large values are clamped to `Number.MAX_SAFE_INTEGER` rather than dropped:
 * the server asked for a long wait, and the caller's own maximum decides what to do.
 *
 * @param value - The raw header value, as returned by `Headers.get('retry-after')`.
 * @param nowMs - The current time in epoch milliseconds (injected for testability).
 * @returns Milliseconds to wait (≥ 0), or `undefined` when the value is absent or invalid.
 *
 * @example
 * ```ts
 * parseRetryAfter('12', Date.now()); // 12000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:30Z')); // 30000
 * parseRetryAfter('1.5', Date.now()); // undefined
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.replace(OWS_EDGES, '');
  if (DELAY_SECONDS.test(text)) {
    return Math.min(Number(text) * MS_PER_SECOND, Number.MAX_SAFE_INTEGER);
  }
  const dateMs = parseHttpDate(text, nowMs);
  if (dateMs === undefined) return undefined;
  return Math.max(0, dateMs - nowMs);
}
