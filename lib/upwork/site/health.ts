import type { LandmarkName } from './selectors';

/**
 * What worked on one page view: which landmarks matched, which features had to stand down and
 * why. The content script sends it to the worker (debounced) so the popup can show a health
 * line instead of Loupe silently doing nothing when Upwork's markup changes.
 */
export interface HealthSnapshot {
  page: string;
  url: string;
  landmarks: Record<string, boolean>;
  disabledFeatures: string[];
}

export interface DisabledFeature {
  id: string;
  reason: string;
}

export class PageHealth {
  private readonly found = new Map<string, boolean>();
  private readonly disabled = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly page: string,
    readonly url: string,
    /** Called (debounced) with the latest snapshot whenever something changed. */
    private readonly report: (snapshot: HealthSnapshot) => void,
    private readonly delayMs = 400,
  ) {}

  /** A landmark matched (true) or was waited for in vain (false). A later match wins over a miss. */
  landmark(name: LandmarkName | string, matched: boolean): void {
    const before = this.found.get(name);
    if (before === true || before === matched) return;
    this.found.set(name, matched);
    this.schedule();
  }

  disable(featureId: string, reason: string): void {
    if (this.disabled.has(featureId)) return;
    this.disabled.set(featureId, reason);
    this.schedule();
  }

  get disabledFeatures(): DisabledFeature[] {
    return [...this.disabled].map(([id, reason]) => ({ id, reason }));
  }

  snapshot(): HealthSnapshot {
    return {
      page: this.page,
      url: this.url,
      landmarks: Object.fromEntries(this.found),
      disabledFeatures: [...this.disabled.keys()],
    };
  }

  /** Sends what is pending now (for example when the route changes). */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.report(this.snapshot());
  }

  /** Drops a pending report without sending it. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.report(this.snapshot());
    }, this.delayMs);
  }
}
