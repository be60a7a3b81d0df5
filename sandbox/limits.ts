/** Upwork's published limits: 10 requests per second per IP (sliding window), 40,000 a day per key. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly daily = new Map<string, { day: string; count: number }>();

  constructor(private readonly limits: () => { ratePerSecond: number; dailyLimit: number }) {}

  /** True when this request fits in the last 1000 ms for the IP; admitted requests are counted. */
  admitIp(ip: string, now = Date.now()): boolean {
    const recent = (this.windows.get(ip) ?? []).filter((t) => now - t < 1000);
    const ok = recent.length < this.limits().ratePerSecond;
    if (ok) recent.push(now);
    this.windows.set(ip, recent);
    return ok;
  }

  /** True while the key is within its daily allowance (UTC days); admitted requests are counted. */
  admitKey(clientId: string, now = Date.now()): boolean {
    const day = new Date(now).toISOString().slice(0, 10);
    const entry = this.daily.get(clientId);
    const current = entry && entry.day === day ? entry : { day, count: 0 };
    if (current.count >= this.limits().dailyLimit) return false;
    current.count++;
    this.daily.set(clientId, current);
    return true;
  }

  dailyCount(clientId: string): number {
    return this.daily.get(clientId)?.count ?? 0;
  }
}
