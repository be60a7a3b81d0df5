import type { NoteTarget } from '../settings/schema';
import { blockListDoc, notesDoc } from '../settings/store';
import type { JobSummary } from '../upwork/model';
import { addBlock, removeBlock } from './blocklist';
import { clientIdOf, describeClient } from './client-key';
import { type NoteInput, removeNote, setNote } from './notes';

/**
 * The writes a page or the options page makes, each one read-change-write on a single item.
 * Content scripts call these directly: block lists and notes are not secrets, and a round trip
 * through the worker would add nothing but latency.
 */

export async function blockClient(entry: { clientId: string; label?: string; reason?: string }, now = Date.now()): Promise<void> {
  await blockListDoc.update((list) => addBlock(list, entry, now));
}

/** Blocks the client of a job, labelled so the user can recognise it in the block list. False when the job has no client id. */
export async function blockClientOfJob(job: JobSummary, reason = '', now = Date.now()): Promise<boolean> {
  const clientId = clientIdOf(job);
  if (clientId === null) return false;
  await blockClient({ clientId, label: describeClient(job.client), reason }, now);
  return true;
}

export async function unblockClient(clientId: string): Promise<void> {
  await blockListDoc.update((list) => removeBlock(list, clientId));
}

export async function saveNote(input: NoteInput, now = Date.now()): Promise<void> {
  await notesDoc.update((notes) => setNote(notes, input, now));
}

export async function deleteNote(target: NoteTarget, key: string): Promise<void> {
  await notesDoc.update((notes) => removeNote(notes, target, key));
}
