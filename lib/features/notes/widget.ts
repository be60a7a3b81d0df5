import { trusted } from '../../helpers/dom';
import { messageOf } from '../../helpers/format';
import type { Send } from '../../page/send';
import type { PowerState } from '../../page/settings';
import { ensureStyle } from '../../page/ui/styles';
import { isBlocked } from '../../power/blocklist';
import { clientIdOf, describeClient } from '../../power/client-key';
import { findNote } from '../../power/notes';
import { NOTE_TEXT_MAX } from '../../settings/limits';
import type { Note, NoteTarget } from '../../settings/schema';
import type { JobSummary } from '../../upwork/model';

/**
 * The notes widget both notes features show (tiles.ts, job-page.ts): your notes and tags on a
 * client (shown on every job of that client) and on a job, with a block button. Clients are recognised only by the API's client id (see
 * lib/power/client-key.ts); without one, only job notes are offered and the client buttons say why.
 */

export const notesCss = `
.loupe-notes { display: grid; gap: 3px; }
.loupe-notes-line { display: flex; flex-wrap: wrap; gap: 4px; align-items: baseline; }
.loupe-notes-kind { color: var(--loupe-muted); }
.loupe-notes-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.loupe-tag { border: 1px solid var(--loupe-border); border-radius: 999px; padding: 0 6px; color: var(--loupe-accent); }
.loupe-notes-actions { display: flex; flex-wrap: wrap; gap: 4px; }
.loupe-notes-actions[hidden] { display: none; }
.loupe-notes-menu { justify-self: start; }
.loupe-notes-form { display: grid; gap: 3px; margin-top: 4px; }
.loupe-notes-form[hidden] { display: none; }
.loupe-notes-form textarea, .loupe-notes-form input { font: inherit; color: var(--loupe-fg); background: var(--loupe-bg);
  border: 1px solid var(--loupe-border); border-radius: 4px; padding: 2px 4px; }
.loupe-notes-status:empty { display: none; }
`;

const NOTES_STYLE_ID = 'loupe-notes-style';
const TEXT_PREVIEW = 160;

function preview(text: string): string {
  const flat = text.trim();
  return flat.length > TEXT_PREVIEW ? `${flat.slice(0, TEXT_PREVIEW)}…` : flat;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', trusted(onClick));
  return element;
}

let uid = 0;

interface EditorParts {
  form: HTMLFormElement;
  label: HTMLLabelElement;
  textArea: HTMLTextAreaElement;
  tagsInput: HTMLInputElement;
}

/**
 * The notes block for one job: lines for the client's and the job's notes, buttons, and an inline
 * editor. Plain DOM (it sits in the tile's shadow-root panel, fifty at a time). On a tile (`compact`)
 * the three actions sit behind one small "Note or block" button, so the strip stays one line.
 */
export class NotesWidget {
  private readonly lines = document.createElement('div');
  private readonly actions = document.createElement('div');
  private readonly status = document.createElement('p');
  /** The inline editor, built when first opened: fifty tiles' unused forms cost the page a third of Loupe's drawing. */
  private editorParts: EditorParts | undefined;
  private readonly ids: { text: string; tags: string; actions: string };
  private editing: NoteTarget | null = null;
  private state: PowerState | undefined;
  private readonly menu: HTMLButtonElement | undefined;

  constructor(
    readonly root: HTMLElement,
    private readonly jobId: string,
    private job: JobSummary | null,
    private readonly send: Send,
    compact = false,
  ) {
    const ids = { text: `loupe-note-text-${++uid}`, tags: `loupe-note-tags-${uid}`, actions: `loupe-note-actions-${uid}` };
    this.ids = ids;
    const wrapper = document.createElement('div');
    wrapper.className = 'loupe-notes';
    this.lines.className = 'loupe-notes-lines';
    this.actions.className = 'loupe-notes-actions';
    this.status.className = 'loupe-notes-status';
    this.status.setAttribute('role', 'status');

    if (compact) {
      // A disclosure, not an ARIA menu: three plain buttons that Tab reaches once it is open.
      this.actions.id = ids.actions;
      this.actions.hidden = true;
      this.menu = button('Note or block ▾', () => this.showActions(this.actions.hidden));
      this.menu.className = 'loupe-notes-menu';
      this.menu.setAttribute('aria-expanded', 'false');
      this.menu.setAttribute('aria-controls', ids.actions);
      this.actions.addEventListener(
        'keydown',
        trusted((event: KeyboardEvent) => {
          if (event.key !== 'Escape') return;
          this.showActions(false);
          this.menu?.focus();
        }),
      );
    }
    wrapper.append(this.lines, ...(this.menu ? [this.menu] : []), this.actions, this.status);
    root.replaceChildren(wrapper);
  }

  private editor(): EditorParts {
    if (this.editorParts) return this.editorParts;
    const form = document.createElement('form');
    const label = document.createElement('label');
    const textArea = document.createElement('textarea');
    const tagsInput = document.createElement('input');
    form.className = 'loupe-notes-form';
    form.hidden = true;
    label.htmlFor = this.ids.text;
    textArea.id = this.ids.text;
    textArea.rows = 3;
    textArea.maxLength = NOTE_TEXT_MAX;
    const tagsLabel = document.createElement('label');
    tagsLabel.htmlFor = this.ids.tags;
    tagsLabel.textContent = 'Tags (comma-separated)';
    tagsInput.id = this.ids.tags;
    tagsInput.maxLength = 1_000;
    const save = document.createElement('button');
    save.type = 'submit';
    save.textContent = 'Save note';
    const cancel = button('Cancel', () => this.closeEditor());
    const formButtons = document.createElement('div');
    formButtons.className = 'loupe-notes-actions';
    formButtons.append(save, cancel);
    form.append(label, textArea, tagsLabel, tagsInput, formButtons);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // A script's form.requestSubmit() is not the user saving.
      if (event.isTrusted) void this.saveEditor();
    });
    form.addEventListener(
      'keydown',
      trusted((event: KeyboardEvent) => {
        if (event.key === 'Escape') this.closeEditor();
      }),
    );
    this.status.before(form);
    this.editorParts = { form, label, textArea, tagsInput };
    return this.editorParts;
  }

  private get clientId(): string | null {
    return this.job ? clientIdOf(this.job) : null;
  }

  setJob(job: JobSummary | null): void {
    this.job = job;
    if (this.state) this.update(this.state);
  }

  private note(target: NoteTarget): Note | null {
    if (!this.state) return null;
    const key = target === 'client' ? this.clientId : this.jobId;
    return key === null ? null : findNote(this.state.notes, target, key);
  }

  update(state: PowerState): void {
    this.state = state;
    this.lines.replaceChildren(...(['client', 'job'] as const).flatMap((target) => this.line(target)));
    this.renderActions();
  }

  private line(target: NoteTarget): HTMLElement[] {
    const note = this.note(target);
    if (!note) return [];
    const line = document.createElement('div');
    line.className = 'loupe-notes-line';
    line.dataset.loupeNote = target;
    const kind = document.createElement('span');
    kind.className = 'loupe-notes-kind';
    kind.textContent = target === 'client' ? 'Your note on this client:' : 'Your note on this job:';
    line.append(kind);
    for (const tag of note.tags) {
      const chip = document.createElement('span');
      chip.className = 'loupe-tag';
      chip.textContent = tag;
      line.append(chip);
    }
    if (note.text.trim() !== '') {
      const text = document.createElement('span');
      text.className = 'loupe-notes-text';
      text.textContent = preview(note.text);
      text.title = note.text;
      line.append(text);
    }
    return [line];
  }

  private renderActions(): void {
    const clientId = this.clientId;
    const clientNote = button(this.note('client') ? 'Edit client note' : 'Note on client', () => this.openEditor('client'));
    clientNote.dataset.loupeAction = 'client-note';
    const jobNote = button(this.note('job') ? 'Edit job note' : 'Note on job', () => this.openEditor('job'));
    jobNote.dataset.loupeAction = 'job-note';
    const blocked = clientId !== null && this.state !== undefined && isBlocked(this.state.blockList, clientId);
    const block = button(blocked ? 'Unblock client' : 'Block client', () => void this.toggleBlock(blocked));
    block.dataset.loupeAction = 'block';
    if (clientId === null) {
      for (const element of [clientNote, block]) {
        element.disabled = true;
        element.title = 'Loupe can’t tell which client posted this job yet, so client notes and blocking are off for it.';
      }
    } else if (!blocked) {
      block.title = 'Hide every job from this client (undo it in Loupe’s settings)';
    }
    this.actions.replaceChildren(clientNote, jobNote, block);
  }

  private showActions(open: boolean): void {
    if (!this.menu) return;
    this.actions.hidden = !open;
    this.menu.setAttribute('aria-expanded', String(open));
    if (open) this.actions.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }

  private openEditor(target: NoteTarget): void {
    this.showActions(false);
    const note = this.note(target);
    this.editing = target;
    const editor = this.editor();
    editor.label.textContent = target === 'client' ? 'Your note on this client' : 'Your note on this job';
    editor.textArea.value = note?.text ?? '';
    editor.tagsInput.value = note?.tags.join(', ') ?? '';
    editor.form.hidden = false;
    this.status.textContent = '';
    editor.textArea.focus();
  }

  private closeEditor(): void {
    const was = this.editing;
    this.editing = null;
    if (this.editorParts) this.editorParts.form.hidden = true;
    (
      this.menu ?? this.actions.querySelector<HTMLButtonElement>(`[data-loupe-action="${was === 'client' ? 'client-note' : 'job-note'}"]`)
    )?.focus();
  }

  private async saveEditor(): Promise<void> {
    const target = this.editing;
    const key = target === 'client' ? this.clientId : this.jobId;
    if (!target || key === null || !this.editorParts) return;
    const { textArea, tagsInput } = this.editorParts;
    const label = target === 'client' ? (this.job ? describeClient(this.job.client) : '') : (this.job?.title ?? '');
    try {
      await this.send('power.saveNote', {
        target,
        key,
        text: textArea.value.slice(0, NOTE_TEXT_MAX),
        tags: tagsInput.value.slice(0, 2_000),
        label: label.slice(0, 500),
      });
      this.closeEditor();
      this.status.textContent = 'Note saved.';
    } catch (error) {
      this.status.textContent = `Loupe could not save the note: ${messageOf(error)}`;
    }
  }

  private async toggleBlock(blocked: boolean): Promise<void> {
    this.showActions(false);
    const clientId = this.clientId;
    if (!this.job || clientId === null) return;
    try {
      if (blocked) await this.send('power.unblock', { posterId: clientId });
      else await this.send('power.block', { posterId: clientId, label: describeClient(this.job.client).slice(0, 500) });
      this.status.textContent = blocked ? 'Client unblocked.' : 'Client blocked: its jobs are hidden.';
    } catch (error) {
      this.status.textContent = `Loupe could not change the block list: ${messageOf(error)}`;
    }
  }
}

/** Puts the widget's CSS into the shadow root it lives in, once. */
export function ensureNotesStyle(element: HTMLElement): void {
  ensureStyle(element, NOTES_STYLE_ID, notesCss);
}
