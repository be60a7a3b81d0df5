/**
 * How a tile looks when filters hide or dim it: inline styles on the tile, set and taken back by
 * Loupe alone. No attribute or class names why (a rule, the block list) or which feature asked:
 * the page's scripts can see that a tile is hidden, as they could from its layout, but nothing of
 * the user's rules or verdicts. The previous inline values are put back exactly.
 */
export class TileLook {
  private saved: { display: [string, string]; opacity: [string, string]; transition: [string, string] } | undefined;
  private hovered = false;
  private dimmed = false;
  private listening: AbortController | undefined;

  constructor(private readonly tile: HTMLElement) {}

  set(hidden: boolean, dimmed: boolean): void {
    this.dimmed = dimmed && !hidden;
    if (!hidden && !dimmed) {
      this.restore();
      return;
    }
    this.save();
    const { style } = this.tile;
    if (hidden) style.setProperty('display', 'none', 'important');
    else this.put('display');
    if (this.dimmed) {
      this.listen();
      style.setProperty('transition', 'opacity .15s');
      style.setProperty('opacity', this.hovered ? '0.85' : '0.4', 'important');
    } else {
      this.put('opacity');
      this.put('transition');
    }
  }

  private save(): void {
    if (this.saved) return;
    const { style } = this.tile;
    const read = (name: string): [string, string] => [style.getPropertyValue(name), style.getPropertyPriority(name)];
    this.saved = { display: read('display'), opacity: read('opacity'), transition: read('transition') };
  }

  private put(name: 'display' | 'opacity' | 'transition'): void {
    const [value, priority] = this.saved?.[name] ?? ['', ''];
    if (value === '') this.tile.style.removeProperty(name);
    else this.tile.style.setProperty(name, value, priority);
  }

  private restore(): void {
    if (!this.saved) return;
    this.put('display');
    this.put('opacity');
    this.put('transition');
    this.saved = undefined;
  }

  /** A dimmed tile comes up while the pointer or the keyboard focus is on it (CSS :hover needs a rule, rules need a selector). */
  private listen(): void {
    if (this.listening) return;
    this.listening = new AbortController();
    const options = { signal: this.listening.signal };
    const focus = (on: boolean) => () => {
      this.hovered = on;
      if (this.dimmed) this.tile.style.setProperty('opacity', on ? '0.85' : '0.4', 'important');
    };
    this.tile.addEventListener('pointerenter', focus(true), options);
    this.tile.addEventListener('pointerleave', focus(false), options);
    this.tile.addEventListener('focusin', focus(true), options);
    this.tile.addEventListener('focusout', focus(false), options);
  }

  /** Takes the look back and stops listening. */
  dispose(): void {
    this.set(false, false);
    this.listening?.abort();
    this.listening = undefined;
  }
}
