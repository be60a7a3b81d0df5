/**
 * Follows upwork.com's light/dark theme (`html[theme="dark"]`) for every Loupe island. Shadow
 * roots can't see the page's attribute (and Firefox has no :host-context), so each island's root
 * element inside its shadow root carries `data-theme`, kept in step by one attribute observer
 * shared by all islands. Nothing goes on the host, where the page's scripts could read it.
 */

export type Theme = 'light' | 'dark';

const hosts = new Set<HTMLElement>();
let observer: MutationObserver | undefined;

export function currentTheme(doc: Document = document): Theme {
  return doc.documentElement.getAttribute('theme') === 'dark' ? 'dark' : 'light';
}

function paint(): void {
  const theme = currentTheme();
  for (const host of hosts) if (host.dataset.theme !== theme) host.dataset.theme = theme;
}

/** Keeps `host`'s (an island's root element's) theme attribute current until `signal` aborts. */
export function followTheme(host: HTMLElement, signal: AbortSignal): void {
  host.dataset.theme = currentTheme();
  if (signal.aborted) return;
  hosts.add(host);
  if (!observer) {
    observer = new MutationObserver(paint);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
  }
  signal.addEventListener(
    'abort',
    () => {
      hosts.delete(host);
      if (hosts.size === 0) {
        observer?.disconnect();
        observer = undefined;
      }
    },
    { once: true },
  );
}
