/**
 * Runs the hub's tile work (announcing tiles, handing them their jobs) in order, up to ~30 ms at
 * a time: fifty tiles' panels drawn in one go held the page's main thread for 100-200 ms, and the
 * page could not scroll or answer a click meanwhile. Between slices the browser gets a task of its
 * own (a MessageChannel message: setTimeout would add its 4 ms clamp). Not shorter: the browser
 * lays the page out after nearly every slice, and on a page of 1,000 tiles each layout costs tens
 * of milliseconds whatever changed (16 ms slices made 50 tiles cost six layouts, not three).
 */
export class Slices {
  private work: (() => void)[] = [];
  private next = 0;
  private scheduled = false;
  private readonly channel = new MessageChannel();

  constructor(
    signal: AbortSignal,
    private readonly budgetMs = 30,
  ) {
    this.channel.port1.onmessage = () => this.run();
    signal.addEventListener(
      'abort',
      () => {
        this.work = [];
        this.next = 0;
        this.channel.port1.close();
      },
      { once: true },
    );
  }

  /** Queues `step` after everything queued before it; it runs in a later task. */
  push(step: () => void): void {
    this.work.push(step);
    if (!this.scheduled) {
      this.scheduled = true;
      this.channel.port2.postMessage(null);
    }
  }

  private run(): void {
    this.scheduled = false;
    const until = performance.now() + this.budgetMs;
    while (this.next < this.work.length) {
      const step = this.work[this.next++] as () => void;
      step();
      if (performance.now() >= until) break;
    }
    if (this.next < this.work.length) {
      this.scheduled = true;
      this.channel.port2.postMessage(null);
    } else {
      this.work = [];
      this.next = 0;
    }
  }
}
