// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FeatureToggles } from '../../../components/options/FeatureToggles';
import { createOverlayViews } from '../../../components/overlay/views';
import { featureCatalog } from '../../../lib/features/index';
import { jobActivityCard } from '../../../lib/features/job-detail-activity';
import { createIsland } from '../../../lib/page/ui/island';
import { featureTogglesItem, isFeatureOn, readToggles, setFeatureOn } from '../../../lib/settings/toggles';
import { makeDetail, settle, userClick } from './support';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('theme');
});

describe('overlay card in an island', () => {
  it('renders Upwork text as text, follows the theme, keeps events inside and goes away on abort', async () => {
    const controller = new AbortController();
    const island = createIsland({
      name: 'job-activity',
      signal: controller.signal,
      place: (host) => {
        document.body.append(host);
        return true;
      },
    });
    const view = createOverlayViews().card(island.body, controller.signal);
    await act(async () => view.update({ state: 'loading', title: 'Client activity', loadingText: 'Loading client activity…' }));
    expect(island.shadow.querySelector('[role="status"]')?.textContent).toBe('Loading client activity…');

    await act(async () =>
      view.update(jobActivityCard(makeDetail('1'), new Date('2026-03-10T12:00:00Z'), { name: null, offsetMinutes: 60 })),
    );
    expect(island.shadow.querySelector('b')).toBeNull();
    expect(island.shadow.textContent).toContain('<b>not bold</b>');
    expect(island.shadow.querySelector('[data-loupe-stat="invitesSent"] dd')?.textContent).toBe('4');

    expect(island.body.dataset.theme).toBe('light');
    document.documentElement.setAttribute('theme', 'dark');
    await settle();
    expect(island.body.dataset.theme).toBe('dark');

    let pageSawClick = false;
    document.body.addEventListener('click', () => {
      pageSawClick = true;
    });
    (island.shadow.querySelector('summary') as HTMLElement).click();
    expect(pageSawClick).toBe(false);

    // Links in a list lead to Upwork only; any other address stays plain text.
    await act(async () =>
      view.update({
        state: 'ready',
        title: 'Client activity',
        rows: [],
        lists: [
          {
            key: 'otherJobs',
            title: 'Other jobs',
            items: [
              { text: 'Logo job', href: 'https://www.upwork.com/jobs/~0222', note: 'posted 2 days ago' },
              { text: 'Trap', href: 'javascript:alert(1)' },
              { text: 'Elsewhere', href: 'https://example.com/jobs/~0223' },
            ],
          },
        ],
      }),
    );
    const items = [...island.shadow.querySelectorAll('[data-loupe-list="otherJobs"] li')];
    expect(items.map((item) => item.textContent)).toEqual(['Logo job · posted 2 days ago', 'Trap', 'Elsewhere']);
    expect(items.map((item) => item.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      'https://www.upwork.com/jobs/~0222',
      null,
      null,
    ]);

    let retried = 0;
    await act(async () => view.update({ state: 'error', title: 'Client activity', message: 'Upwork is busy.', onRetry: () => retried++ }));
    (island.shadow.querySelector('button') as HTMLButtonElement).click();
    expect(retried).toBe(0); // a script's click is not the user's
    userClick(island.shadow.querySelector('button') as HTMLButtonElement);
    expect(retried).toBe(1);
    expect(island.shadow.querySelector('[role="alert"]')?.textContent).toContain('Upwork is busy.');

    await act(async () => controller.abort());
    expect(document.querySelector('loupe-job-activity')).toBeNull();
  });
});

describe('feature switches', () => {
  it('default on, persist under storage.local "features", survive a corrupt value', async () => {
    expect(isFeatureOn(await readToggles(), 'job-tile-client-panel')).toBe(true);
    await setFeatureOn('job-tile-client-panel', false);
    expect(await featureTogglesItem.getValue()).toEqual({ 'job-tile-client-panel': false });
    await featureTogglesItem.setValue('garbage' as unknown as Record<string, boolean>);
    expect(await readToggles()).toEqual({});
  });

  it('the options list comes from the registry and a switch writes storage', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(<FeatureToggles ids={featureCatalog.map((feature) => feature.id)} />));
    await act(() => settle());
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')];
    expect(boxes).toHaveLength(featureCatalog.length);
    expect([...container.querySelectorAll('li')].map((li) => li.dataset.feature)).toEqual(featureCatalog.map((f) => f.id));
    expect(boxes.every((box) => box.checked)).toBe(true);
    await act(async () => boxes[1]?.click());
    await act(() => settle());
    expect(await readToggles()).toEqual({ [featureCatalog[1]?.id as string]: false });
    expect(boxes[1]?.checked).toBe(false);
    await act(async () => root.unmount());
  });
});
