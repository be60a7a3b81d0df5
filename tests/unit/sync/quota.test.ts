import { describe, expect, it } from 'vitest';
import { nextWriteAt, quotaProblemOf, SYNC_BUDGET } from '../../../lib/sync/quota';
import { FakeSyncArea } from './fake-sync-area';

describe('write limits', () => {
  const now = 10_000_000;

  it('lets a write go when the windows have room', () => {
    expect(nextWriteAt([], now)).toBe(now);
    expect(nextWriteAt([now - 3_700_000, now - 1_000], now)).toBe(now);
  });

  it('waits for the one-minute window', () => {
    const writes = Array.from({ length: SYNC_BUDGET.writesPerMinute }, (_, i) => now - 50_000 + i * 100);
    expect(nextWriteAt(writes, now)).toBe(now - 50_000 + 60_001);
  });

  it('waits for the one-hour window', () => {
    const writes = Array.from({ length: SYNC_BUDGET.writesPerHour }, (_, i) => now - 3_500_000 + i * 2_000);
    expect(nextWriteAt(writes, now)).toBe(now - 3_500_000 + 3_600_001);
  });

  it('reads the kind of quota error from Chrome’s messages', () => {
    expect(quotaProblemOf(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))).toBe('item-bytes');
    expect(quotaProblemOf(new Error('QUOTA_BYTES quota exceeded'))).toBe('bytes');
    expect(quotaProblemOf(new Error('MAX_ITEMS quota exceeded'))).toBe('items');
    expect(quotaProblemOf(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.'))).toBe('writes-per-hour');
    expect(quotaProblemOf(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'))).toBe('writes-per-minute');
    expect(quotaProblemOf(new Error('something else'))).toBeNull();
  });
});

describe('the fake sync area fails like Chrome', () => {
  it('refuses an item over 8,192 bytes, more than 512 items, and more than 102,400 bytes in all', async () => {
    const area = new FakeSyncArea(() => 0);
    await expect(area.set({ k: 'x'.repeat(8_192) })).rejects.toThrow('QUOTA_BYTES_PER_ITEM quota exceeded');
    await expect(area.set(Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 1])))).rejects.toThrow(
      'MAX_ITEMS quota exceeded',
    );
    await expect(area.set(Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, 'x'.repeat(8_000)])))).rejects.toThrow(
      'QUOTA_BYTES quota exceeded',
    );
    expect(area.data.size).toBe(0);
  });

  it('refuses the 121st write in a minute and the 1,801st in an hour', async () => {
    let at = 0;
    const area = new FakeSyncArea(() => at);
    for (let i = 0; i < 120; i++) await area.set({ k: i });
    await expect(area.set({ k: 'late' })).rejects.toThrow('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    const hourly = new FakeSyncArea(() => at);
    for (let i = 0; i < 1_800; i++) {
      at = i * 1_900;
      await hourly.set({ k: i });
    }
    at += 1_900;
    await expect(hourly.remove(['k'])).rejects.toThrow('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
  });
});
