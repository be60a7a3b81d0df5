import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { sendMessage } from '../../lib/messaging/client';
import { clientIdSchema, clientSecretSchema } from '../../lib/messaging/messages/auth';
import { AccountError, SignInButton, useAuthDetails } from '../common/AccountData';
import { Promises } from '../common/Promises';
import { ConnectionTest } from './ConnectionTest';
import { KeyGuide } from './KeyGuide';
import './welcome.css';

type StepState = 'done' | 'current' | 'later';

function Step(props: { number: number; title: string; state: StepState; children: ReactNode; testId: string }) {
  const headingId = useId();
  return (
    <li className="loupe-card loupe-step" data-state={props.state} data-testid={props.testId} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="loupe-step-number" aria-hidden="true">
          {props.state === 'done' ? '✓' : props.number}
        </span>
        <span>
          <span className="loupe-visually-hidden">Step {props.number}: </span>
          {props.title}
        </span>
        {props.state === 'done' && <span className="loupe-pill">Done</span>}
      </h2>
      {props.children}
    </li>
  );
}

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? 'Not valid.');
}

/** Step 2: the key's client id (and its secret, when it has one). */
function ClientIdForm({ auth }: { auth: ReturnType<typeof useAuthDetails> }) {
  const ids = { id: useId(), secret: useId(), error: useId() };
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const saved = auth.details?.clientId ?? null;
  useEffect(() => {
    if (saved) setClientId((current) => current || saved);
  }, [saved]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const issue = firstIssue(clientIdSchema.safeParse(clientId)) ?? firstIssue(clientSecretSchema.safeParse(secret));
    setProblem(issue);
    if (issue) return;
    const ok = await auth.run('save', () =>
      sendMessage('auth.configure', { clientId: clientId.trim(), clientSecret: secret.trim() || undefined, keepSecret: true }),
    );
    if (ok) setSecret('');
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate className="loupe-welcome-form">
      <div className="loupe-field-wide">
        <label htmlFor={ids.id}>Client id (the “Key” in Upwork’s API Center)</label>
        <input
          id={ids.id}
          value={clientId}
          onChange={(event) => setClientId(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          data-testid="welcome-client-id"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? ids.error : undefined}
        />
      </div>
      <div className="loupe-field-wide">
        <label htmlFor={ids.secret}>Secret, if your key has one</label>
        <input
          id={ids.secret}
          type="password"
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          autoComplete="off"
          placeholder={auth.details?.clientType === 'confidential' ? 'Saved; leave blank to keep it' : ''}
        />
      </div>
      {problem && (
        <p id={ids.error} role="alert" className="loupe-bad">
          {problem}
        </p>
      )}
      <div className="loupe-row">
        <button type="submit" data-testid="welcome-save-key" disabled={auth.busy !== null}>
          {auth.busy === 'save' ? 'Saving…' : 'Save the key'}
        </button>
        {saved && (
          <span className="loupe-quiet" data-testid="welcome-key-saved">
            Saved: <code>{saved}</code>
          </span>
        )}
      </div>
    </form>
  );
}

/** Step 5: a job search on Upwork, where Loupe's annotations appear. */
function FirstSearch({ ready }: { ready: boolean }) {
  const id = useId();
  const [words, setWords] = useState('');
  // No words: Upwork's newest jobs, a search every account can open.
  const query = words.trim();
  const url = `https://www.upwork.com/nx/search/jobs/${query ? `?q=${encodeURIComponent(query)}` : ''}`;
  return (
    <>
      <p>Open a job search on Upwork: each job shows its client’s track record, and your rules, score and highlights apply.</p>
      <div className="loupe-row">
        <label htmlFor={id}>Search for</label>
        <input id={id} value={words} placeholder="any job, newest first" onChange={(event) => setWords(event.currentTarget.value)} />
        <a
          className={`loupe-btn loupe-btn-large${ready ? ' loupe-btn-primary' : ''}`}
          href={url}
          target="_blank"
          rel="noreferrer"
          data-testid="open-job-search"
        >
          Open a job search
        </a>
      </div>
      <p className="loupe-hint">
        Later: set your rules, score and alerts in <a href="/options.html#/rules">Loupe’s settings</a>; the toolbar button shows new alerts
        and today’s API use.
      </p>
    </>
  );
}

/**
 * The first-run guide, opened when Loupe is installed and from the settings' About section: what
 * Loupe does and never does, then five steps from no API key to an annotated job search.
 */
export function WelcomeApp() {
  const auth = useAuthDetails();
  const state = auth.details?.state ?? null;
  const configured = state === 'signed-out' || state === 'signed-in';
  const signedIn = state === 'signed-in';
  const [tested, setTested] = useState<boolean | null>(null);

  const stepState = (done: boolean, reachable: boolean): StepState => (done ? 'done' : reachable ? 'current' : 'later');

  return (
    <div className="loupe-welcome">
      <header className="loupe-welcome-hero">
        <img src="/icons/128.png" alt="" width={64} height={64} />
        <div>
          <h1>Welcome to Loupe</h1>
          <p className="loupe-welcome-lede">
            A closer look at every job on Upwork: the client’s hires, spend, rating and local time on each job, your own rules, score,
            highlights, notes and job alerts. Five steps get you to your first annotated search.
          </p>
        </div>
      </header>
      <main>
        <Promises />
        <ol className="loupe-steps">
          <Step number={1} title="Get an API key from Upwork" state={stepState(configured, true)} testId="step-key">
            <KeyGuide />
          </Step>
          <Step number={2} title="Enter your key’s client id" state={stepState(configured, true)} testId="step-client-id">
            <ClientIdForm auth={auth} />
          </Step>
          <Step number={3} title="Sign in with Upwork" state={stepState(signedIn, configured)} testId="step-sign-in">
            <p>Upwork opens its own sign-in window and asks you to allow Loupe. Loupe never sees your password.</p>
            <p className="loupe-row">
              {signedIn ? (
                <span data-testid="welcome-signed-in">
                  Signed in as <strong>{auth.details?.account?.name}</strong>.
                </span>
              ) : (
                <SignInButton auth={auth} unavailable={!configured} />
              )}
            </p>
            <AccountError message={auth.error} />
          </Step>
          <Step number={4} title="Test the connection" state={stepState(tested === true, configured)} testId="step-test">
            <ConnectionTest disabled={!configured || auth.busy !== null} onResult={setTested} />
          </Step>
          <Step number={5} title="Open your first job search" state={stepState(false, signedIn)} testId="step-search">
            <FirstSearch ready={signedIn} />
          </Step>
        </ol>
      </main>
    </div>
  );
}
