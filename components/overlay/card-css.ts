/** Card styles, added to the island's shadow root next to the shared base (lib/page/ui/styles.ts). */
export const cardCss = `
.loupe-card { margin: 0 0 12px; padding: 8px 12px; border: 1px solid var(--loupe-border); border-left: 3px solid var(--loupe-accent);
  border-radius: 6px; background: var(--loupe-bg); font-size: 13px; }
.loupe-card-title { margin: 0 0 6px; font-size: 13px; font-weight: 600; color: var(--loupe-accent); }
.loupe-card-quiet { margin: 0; color: var(--loupe-muted); }
.loupe-card-quiet button { margin-left: 8px; }
.loupe-card-rows { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 2px 16px; margin: 0; }
/* Label and value share a first line (baseline), labels stay on one line where they fit, and a
   long value wraps under itself, flush right: every row's label and value line up with the others. */
.loupe-card-row { display: flex; gap: 6px; justify-content: space-between; align-items: baseline; }
.loupe-card-row dt { color: var(--loupe-muted); flex: 0 0 auto; max-width: 70%; }
.loupe-card-row dd { margin: 0; text-align: right; flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; }
.loupe-card-row[data-tone="good"] dd { color: var(--loupe-good); }
.loupe-card-row[data-tone="warn"] dd { color: var(--loupe-warn); }
.loupe-card-row[data-tone="muted"] dd { color: var(--loupe-muted); }
.loupe-card-list { margin-top: 6px; }
.loupe-card-list summary { cursor: pointer; font-weight: 600; }
.loupe-card-list ol { margin: 4px 0 0; padding-left: 20px; }
.loupe-card-list a { color: var(--loupe-accent); }
`;
