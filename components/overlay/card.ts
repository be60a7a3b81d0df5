import { h } from '../../lib/helpers/dom';
import type { CardLink, CardModel } from '../../lib/page/views';
import { upworkAddressOrNull } from '../../lib/upwork/site/urls';

let uid = 0;

/** Links lead to Upwork's own pages and nowhere else, whatever a view model says. */
function link(item: CardLink): HTMLElement {
  const href = upworkAddressOrNull(item.href);
  if (!href) return h('span', null, item.text);
  const anchor = h('a', null, item.text);
  anchor.href = href;
  return anchor;
}

/**
 * The rich overlay card (job activity, freelancer track record), built with `h`: everything from
 * Upwork arrives as strings and becomes Text nodes, never HTML.
 */
export function cardElement(model: CardModel): HTMLElement {
  const headingId = `loupe-card-title-${++uid}`;
  return h(
    'section',
    { class: 'loupe-card', aria: { labelledby: headingId }, data: { state: model.state } },
    h('h2', { class: 'loupe-card-title', id: headingId }, model.title),
    model.state === 'loading' && h('p', { class: 'loupe-card-quiet', role: 'status' }, model.loadingText),
    model.state === 'error' &&
      h(
        'p',
        { class: 'loupe-card-quiet', role: 'alert' },
        model.message,
        model.onRetry && h('button', { type: 'button', on: { click: model.onRetry } }, 'Retry'),
      ),
    model.state === 'ready' && [
      h(
        'dl',
        { class: 'loupe-card-rows' },
        model.rows.map((row) =>
          h(
            'div',
            { class: 'loupe-card-row', title: row.title, data: { loupeStat: row.key, tone: row.tone } },
            h('dt', null, row.label),
            h('dd', null, row.value),
          ),
        ),
      ),
      model.lists.map((list) =>
        h(
          'details',
          { class: 'loupe-card-list', open: list.open ?? list.items.length <= 3, data: { loupeList: list.key } },
          h('summary', null, list.title),
          h(
            'ol',
            null,
            list.items.map((item) => h('li', null, typeof item === 'string' ? item : [link(item), item.note && ` · ${item.note}`])),
          ),
        ),
      ),
      model.footnote && h('p', { class: 'loupe-card-quiet' }, model.footnote),
    ],
  );
}
