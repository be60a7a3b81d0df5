import { useId, useState } from 'react';
import { CheckField, SaveBar, SelectField, TextField } from '../../../components/common/SettingsFields';
import { useSettingsDraft } from '../../../components/common/useSettingsDraft';
import { findHighlights, splitByHighlights } from '../../power/highlight';
import { type HighlightColor, type HighlightGroup, highlightColors } from '../../settings/schema';

const MAX_GROUPS = 12;
const colorNames: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  orange: 'Orange',
  purple: 'Purple',
};
const colorOptions = highlightColors.map((color) => [color, colorNames[color]] as const);

function newGroup(existing: readonly HighlightGroup[]): HighlightGroup {
  const used = new Set(existing.map((group) => group.color));
  return {
    id: `group-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
    name: `Keywords ${existing.length + 1}`,
    color: highlightColors.find((color) => !used.has(color)) ?? 'yellow',
    terms: '',
    enabled: true,
  };
}

/** Sample text with the draft's highlights, built as React elements (no HTML strings). */
function Preview(props: { groups: readonly HighlightGroup[] }) {
  const id = useId();
  const [text, setText] = useState('Senior React developer for a TypeScript dashboard, remote, long term.');
  const segments = splitByHighlights(text, findHighlights(text, props.groups));
  return (
    <div className="loupe-highlight-preview">
      <label htmlFor={id}>Try it on some text</label>
      <textarea
        id={id}
        value={text}
        maxLength={2_000}
        rows={2}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid="highlight-preview-input"
      />
      <p data-testid="highlight-preview">
        {segments.map((segment, index) =>
          segment.highlight ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their position
            <mark key={index} className={`loupe-mark loupe-mark-${segment.highlight.color}`} data-group={segment.highlight.groupId}>
              {segment.text}
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <span key={index}>{segment.text}</span>
          ),
        )}
      </p>
    </div>
  );
}

/** Keyword groups highlighted in job titles and descriptions on Upwork, each in its own colour. */
export function HighlightGroupsEditor() {
  const editor = useSettingsDraft('highlights', 'Loading highlight groups…');
  const headingId = useId();

  if (!editor.ready) return editor.placeholder;
  const { draft: groups, edit, saveBar } = editor;
  /** A group's field: its changes go to that group alone; its test id names the group by position. */
  const field = <F extends 'enabled' | 'name' | 'color' | 'terms'>(group: HighlightGroup, index: number, key: F) => ({
    onChange: (value: HighlightGroup[F]) => edit((current) => current.map((g) => (g.id === group.id ? { ...g, [key]: value } : g))),
    testId: `highlight-group-${index}-${key}`,
  });

  return (
    <section className="loupe-power-section" aria-labelledby={headingId} data-testid="highlights-editor">
      <h2 id={headingId}>Keyword highlights</h2>
      <p className="loupe-hint">Words or "quoted phrases", separated by spaces or commas. Whole words, any case.</p>
      {groups.length === 0 && <p>No highlight groups yet.</p>}
      <ul className="loupe-highlight-groups">
        {groups.map((group, index) => (
          <li key={group.id} data-testid={`highlight-group-${index}`}>
            <fieldset className="loupe-rule">
              <legend>
                <span className={`loupe-swatch loupe-mark-${group.color}`} aria-hidden="true" /> {group.name || 'Unnamed group'}
              </legend>
              <CheckField label="On" checked={group.enabled} {...field(group, index, 'enabled')} />
              <TextField label="Name" value={group.name} maxLength={80} {...field(group, index, 'name')} />
              <SelectField label="Colour" value={group.color} options={colorOptions} {...field(group, index, 'color')} />
              <TextField label="Keywords" value={group.terms} maxLength={2_000} {...field(group, index, 'terms')} />
              <button
                type="button"
                onClick={() => edit((current) => current.filter((g) => g.id !== group.id))}
                data-testid={`highlight-group-${index}-remove`}
              >
                Remove {group.name || 'this group'}
              </button>
            </fieldset>
          </li>
        ))}
      </ul>
      <button
        type="button"
        disabled={groups.length >= MAX_GROUPS}
        onClick={() => edit((current) => [...current, newGroup(current)])}
        data-testid="highlight-add"
      >
        Add a highlight group
      </button>
      {groups.length >= MAX_GROUPS && <span className="loupe-hint"> Up to {MAX_GROUPS} groups.</span>}
      <Preview groups={groups} />
      <SaveBar {...saveBar} valid testId="highlights" />
    </section>
  );
}
