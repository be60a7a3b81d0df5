import { createPowerHandlers, watchPowerStorage } from '../../../lib/background/handlers/power';
import { contract, type MessageType, type ResponseOf } from '../../../lib/messaging/contract';
import { LoupeError } from '../../../lib/messaging/errors';
import type { HandlerContext } from '../../../lib/messaging/router';
import type { Send } from '../../../lib/page/send';
import { powerStateChanged } from '../../../lib/page/settings';
import type { CardModel, OverlayViews } from '../../../lib/page/views';
import { type JobDetail, type JobSummary, jobDetailSchema, jobSummarySchema } from '../../../lib/upwork/model';

/** A valid JobSummary (checked against the model's schema) with a client you can adjust. */
export function makeJob(id: string, overrides: Partial<JobSummary> = {}, client: Partial<JobSummary['client']> = {}): JobSummary {
  return jobSummarySchema.parse({
    id,
    ciphertext: `~02${id}`,
    title: `Job ${id}`,
    description: 'Build things.',
    publishedAt: '2026-03-10T10:00:00Z',
    jobType: 'HOURLY',
    fixedBudget: null,
    hourlyMin: 30,
    hourlyMax: 60,
    currency: 'USD',
    experienceLevel: 'EXPERT',
    totalApplicants: 12,
    applied: false,
    skills: ['React'],
    client: {
      totalSpent: 20_500,
      currency: 'USD',
      totalHires: 15,
      totalPostedJobs: 32,
      hireRate: 15 / 32,
      totalReviews: 11,
      rating: 4.87,
      paymentVerified: true,
      country: 'United States',
      city: 'Austin',
      timezone: 'America/Chicago',
      utcOffsetMinutes: -360,
      hasFinancialPrivacy: false,
      ...client,
    },
    ...overrides,
  });
}

export function makeDetail(id: string, overrides: Partial<JobDetail> = {}): JobDetail {
  return jobDetailSchema.parse({
    id,
    title: `Job ${id}`,
    activity: { lastClientActivity: '2026-03-10T09:00:00Z', invitesSent: 4, interviewing: 2, hired: 1, offered: 1, unansweredInvites: 1 },
    screeningQuestions: ['Describe a similar project.', '<b>not bold</b>'],
    qualifications: {
      jobSuccessScore: 90,
      risingTalent: true,
      englishProficiency: 'Fluent',
      hoursWorked: 100,
      hasPortfolio: null,
      countries: ['United States'],
      timezones: [],
    },
    client: { country: 'Germany', city: 'Berlin', timezone: 'Europe/Berlin', paymentVerified: true },
    contractType: 'HOURLY',
    personsToHire: 2,
    ...overrides,
  });
}

export interface FakeWorker {
  send: Send;
  /** Files the worker was asked to save ('power.export'). */
  files: { fileName: string; text: string }[];
  calls: { type: string; payload: unknown }[];
  jobs: Map<string, JobSummary>;
  details: Map<string, JobDetail>;
  /** Client basics the worker knows for ids it has no stats for. */
  partial: Map<string, JobDetail['client']>;
  /** When set, every request fails with this error code. */
  failWith: LoupeError['code'] | null;
  /** Per-tile answers: not listed any more, a lookup's own error, held back by a 429 until a time. */
  notFound: Set<string>;
  tileErrors: Map<string, { code: 'upwork-error' | 'network'; message: string }>;
  limited: { ids: string[]; retryAt: number } | null;
}

/**
 * A stand-in for the background worker: answers page messages from in-memory data (the worker has
 * its own tests), and the user's-data messages ('power.*') with the worker's real handlers over the
 * fake browser's storage, announcing storage changes to the page as the worker does.
 */
export function fakeWorker(): FakeWorker {
  const power = createPowerHandlers({ saveFile: async (fileName, text) => void worker.files.push({ fileName, text }) });
  watchPowerStorage(powerStateChanged);
  const worker: FakeWorker = {
    files: [],
    calls: [],
    jobs: new Map(),
    details: new Map(),
    partial: new Map(),
    failWith: null,
    notFound: new Set(),
    tileErrors: new Map(),
    limited: null,
    send: (async (type: string, payload: unknown) => {
      worker.calls.push({ type, payload });
      await Promise.resolve();
      if (worker.failWith)
        throw new LoupeError(worker.failWith, worker.failWith === 'signed-out' ? 'Sign in to Loupe first.' : 'Upwork is busy.');
      if (type === 'jobs.forTiles') {
        const { ids } = payload as { ids: string[] };
        const found = ids.flatMap((id) => worker.jobs.get(id) ?? []);
        const missing = ids.filter((id) => !worker.jobs.has(id));
        const partial: Record<string, JobDetail['client']> = {};
        for (const id of missing) {
          const basics = worker.partial.get(id);
          if (basics) partial[id] = basics;
        }
        const errors = Object.fromEntries(
          ids.flatMap((id) => {
            const error = worker.tileErrors.get(id);
            return error ? [[id, error] as const] : [];
          }),
        );
        const limited = worker.limited
          ? { ids: worker.limited.ids.filter((id) => ids.includes(id)), retryAt: worker.limited.retryAt }
          : null;
        return {
          jobs: found,
          missing,
          partial,
          notFound: ids.filter((id) => worker.notFound.has(id)),
          ...(Object.keys(errors).length > 0 ? { errors } : {}),
          ...(limited && limited.ids.length > 0 ? { limited } : {}),
        } satisfies ResponseOf<'jobs.forTiles'>;
      }
      if (type === 'jobs.detail') return { job: worker.details.get((payload as { id: string }).id) ?? null };
      if (type === 'freelancer.byKey') return { freelancer: null };
      const handler = power[type as keyof typeof power] as ((request: unknown, context: HandlerContext) => unknown) | undefined;
      if (handler) {
        const { request, response } = contract[type as MessageType];
        return response.parse(await handler(request.parse(payload), { sender: 'content-script' }));
      }
      return { ok: true };
    }) as Send,
  };
  return worker;
}

/** Views that render a card as plain text lines, so tests can read what a user would. */
export function textViews(): OverlayViews & { models: CardModel[] } {
  const models: CardModel[] = [];
  return {
    models,
    card(container, signal) {
      signal.addEventListener('abort', () => container.replaceChildren(), { once: true });
      return {
        update(model) {
          models.push(model);
          const lines =
            model.state === 'ready'
              ? [...model.rows.map((row) => `${row.key}: ${row.value}`), ...model.lists.flatMap((list) => [list.title, ...list.items])]
              : [model.state === 'loading' ? model.loadingText : model.message];
          container.replaceChildren(...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
        },
      };
    },
  };
}

/** Waits for timers, microtasks and MutationObserver batches to run out. */
export async function settle(ms = 5): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a person's click is: a trusted event (happy-dom has no isTrusted, and Loupe's handlers ignore untrusted ones). */
export function userClick(element: Element): void {
  element.dispatchEvent(trustedEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
}

/** A person pressing a form's submit button (or Enter in it). */
export function userSubmit(form: HTMLFormElement): void {
  form.dispatchEvent(trustedEvent(new Event('submit', { bubbles: true, cancelable: true })));
}

function trustedEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** A card's rows as label -> value, to compare many at once. */
export const rowMap = (rows: { key: string; value: string }[]) => Object.fromEntries(rows.map((row) => [row.key, row.value]));

/** The value of a card row by its label. */
export const rowValue = (rows: { key: string; value: string }[], key: string) => rows.find((row) => row.key === key)?.value;

/** The card model, when it is ready (fails the test otherwise). */
export function readyCard(model: CardModel): Extract<CardModel, { state: 'ready' }> {
  if (model.state !== 'ready') throw new Error(`expected a ready card, got ${model.state}`);
  return model;
}
