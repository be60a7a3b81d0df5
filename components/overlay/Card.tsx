import { useId } from 'react';
import type { CardModel } from '../../lib/features/views';

/**
 * The rich overlay card (job activity, freelancer track record). Everything from Upwork arrives
 * as strings and is rendered as React text, never as HTML.
 */
export function Card({ model }: { model: CardModel }) {
  const headingId = useId();
  return (
    <section className="loupe-card" aria-labelledby={headingId} data-state={model.state}>
      <h2 className="loupe-card-title" id={headingId}>
        {model.title}
      </h2>
      {model.state === 'loading' && (
        <p className="loupe-card-quiet" role="status">
          {model.loadingText}
        </p>
      )}
      {model.state === 'error' && (
        <p className="loupe-card-quiet" role="alert">
          {model.message}
          {model.onRetry && (
            <button type="button" onClick={model.onRetry}>
              Retry
            </button>
          )}
        </p>
      )}
      {model.state === 'ready' && (
        <>
          <dl className="loupe-card-rows">
            {model.rows.map((row) => (
              <div className="loupe-card-row" key={row.key} data-loupe-stat={row.key} data-tone={row.tone} title={row.title}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
          {model.lists.map((list) => (
            <details className="loupe-card-list" key={list.key} data-loupe-list={list.key} open={list.items.length <= 3}>
              <summary>{list.title}</summary>
              <ol>
                {list.items.map((item, index) => (
                  // Items can repeat (two identical questions); position keeps keys unique.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is static once shown
                  <li key={index}>{item}</li>
                ))}
              </ol>
            </details>
          ))}
          {model.footnote && <p className="loupe-card-quiet">{model.footnote}</p>}
        </>
      )}
    </section>
  );
}
