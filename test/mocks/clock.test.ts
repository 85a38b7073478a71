import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockClock } from '../../mocks/clock.js';
import { createMockApi } from '../../mocks/create-mock-api.js';

afterEach(() => vi.useRealTimers());

describe('MockClock', () => {
  it('without a start, a running clock reads the real time, also after advance and reset', () => {
    vi.useFakeTimers({ now: Date.UTC(2027, 0, 10, 12, 0, 0) });
    const clock = new MockClock(undefined, 'running');
    expect(clock.followsRealTime).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(clock.now().toISOString()).toBe('2027-01-10T12:00:05.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2027-01-10T12:01:05.000Z');
    vi.advanceTimersByTime(3_600_000);
    clock.reset();
    expect(clock.now().toISOString()).toBe('2027-01-10T13:00:05.000Z');
    expect(clock.start().toISOString()).toBe('2027-01-10T13:00:05.000Z');
  });

  it('with a start and frozen, stays there until advanced, and reset goes back to it', () => {
    const clock = new MockClock(new Date('2026-11-22T09:00:00Z'), 'frozen');
    expect(clock.followsRealTime).toBe(false);
    clock.advance(1_000);
    expect(clock.iso()).toBe('2026-11-22T09:00:01Z');
    clock.reset();
    expect(clock.iso()).toBe('2026-11-22T09:00:00Z');
  });
});

describe('createMockApi({ now: "real-time", clock: "running" })', () => {
  it('seeds data up to the real now, so "the last 24 hours" finds something', () => {
    const api = createMockApi({ now: 'real-time', clock: 'running' });
    const now = Date.now();
    const recent = api.store.data.alerts.filter((a) => now - Date.parse(a.raised_at) < 86_400_000);
    expect(recent.length).toBeGreaterThan(0);
    expect(api.store.data.alerts.every((a) => Date.parse(a.raised_at) <= now + 1_000)).toBe(true);
  });
});
