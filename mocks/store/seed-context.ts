/** What every seed step shares: the seeded faker, ids, the clock anchor and sizes. @internal */
import type { Faker } from '@faker-js/faker';
import { toTimestamp } from '../clock.js';
import type { IdFactory } from './ids.js';
import type { SeedSizes } from './types.js';

const DAY_MS = 86_400_000;

/** Seeding helpers over one seeded faker. */
export class SeedContext {
  readonly faker: Faker;
  readonly ids: IdFactory;
  readonly now: Date;
  readonly sizes: SeedSizes;

  constructor(faker: Faker, ids: IdFactory, now: Date, sizes: SeedSizes) {
    this.faker = faker;
    this.ids = ids;
    this.now = now;
    this.sizes = sizes;
  }

  /** A date between `maxDaysAgo` and `minDaysAgo` days before now. */
  daysAgo(minDaysAgo: number, maxDaysAgo: number): Date {
    return this.faker.date.between({ from: this.now.getTime() - maxDaysAgo * DAY_MS, to: this.now.getTime() - minDaysAgo * DAY_MS });
  }

  /** Timestamp between `maxDaysAgo` and `minDaysAgo` days before now. */
  pastIso(minDaysAgo: number, maxDaysAgo: number): string {
    return toTimestamp(this.daysAgo(minDaysAgo, maxDaysAgo));
  }

  /** Timestamp between two instants (clamped to now). */
  betweenIso(from: Date | string, to: Date | string = this.now): string {
    const a = new Date(from).getTime();
    const b = Math.min(new Date(to).getTime(), this.now.getTime());
    return toTimestamp(this.faker.date.between({ from: Math.min(a, b), to: Math.max(a, b) }));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  /** An element chosen by weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    return this.faker.helpers.weightedArrayElement(choices.map(([value, weight]) => ({ value, weight })));
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** Number in [min, max] with one decimal. */
  decimal(min: number, max: number): number {
    return Math.round(this.faker.number.float({ min, max }) * 10) / 10;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.faker.datatype.boolean({ probability: p });
  }
}

/** Lower-case, dash-separated slug of a name. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Adds `ms` to a timestamp. */
export function plusMs(timestamp: string | Date, ms: number): string {
  return toTimestamp(new Date(new Date(timestamp).getTime() + ms));
}

/** Milliseconds per day. */
export { DAY_MS };
