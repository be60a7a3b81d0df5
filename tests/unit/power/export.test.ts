import { describe, expect, it } from 'vitest';
import {
  annotateJobs,
  backupToJson,
  csvField,
  exportFileName,
  guardFormula,
  jobsToCsv,
  jobsToJson,
  makeBackup,
  toCsv,
} from '../../../lib/power/export';
import { checkBackupText } from '../../../lib/power/import';
import { defaultSettings } from '../../../lib/settings/schema';
import { makeJob } from './job-fixture';

/** A small RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(true)).toBe('yes');
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(guardFormula(evil)).toBe(`'${evil}`);
    }
    expect(guardFormula('Normal title')).toBe('Normal title');
    expect(csvField('=1+2,3')).toBe(`"'=1+2,3"`);
    expect(csvField(-5)).toBe('-5');
  });

  it('reads back to the same cells, with CRLF line ends', () => {
    const rows = [
      ['a', 'b,c', 'd "e"'],
      ['line\nbreak', '', '=cmd'],
    ];
    const text = toCsv(['x', 'y', 'z'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['x', 'y', 'z'],
      ['a', 'b,c', 'd "e"'],
      ['line\nbreak', '', "'=cmd"],
    ]);
  });

  it('exports annotated jobs with score, rule reasons and notes', () => {
    const settings = defaultSettings();
    settings.rules.maxProposals = { enabled: true, action: 'dim', max: 5 };
    const job = makeJob({ title: '=IMPORTXML("evil")' }, { companyUid: 'org-1' });
    const entries = annotateJobs(
      [job],
      {
        settings,
        blockList: { clients: [] },
        notes: {
          entries: [
            { target: 'client', key: 'org-1', text: 'Great, "fast" payer', tags: ['good', 'repeat'], label: '', updatedAt: 1 },
            { target: 'job', key: job.id, text: '-applied', tags: [], label: '', updatedAt: 1 },
          ],
        },
      },
      { userUtcOffsetMinutes: 60 },
    );
    const [header, row] = parseCsv(jobsToCsv(entries));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Title')).toBe(`'=IMPORTXML("evil")`);
    expect(cell('Link')).toBe('https://www.upwork.com/jobs/~022024696422907076268');
    expect(cell('Score')).toBe(String(entries[0]?.score?.total));
    expect(cell('Rules')).toBe('dim: 8 proposals already, more than 5');
    expect(cell('Client note')).toBe('Great, "fast" payer');
    expect(cell('Client tags')).toBe('good; repeat');
    expect(cell('Job note')).toBe("'-applied");
    expect(cell('Client hire rate %')).toBe('60');
    expect(cell('Client hires per job')).toBe('');
    expect(cell('Payment verified')).toBe('yes');
  });

  it('gives repeat hires beyond the jobs posted as hires per job, never a rate over 100 %', () => {
    const job = makeJob();
    job.client = { ...job.client, totalHires: 25, totalPostedJobs: 10, hireRate: 2.5 };
    const entries = annotateJobs(
      [job],
      { settings: defaultSettings(), blockList: { clients: [] }, notes: { entries: [] } },
      { userUtcOffsetMinutes: 0 },
    );
    const [header, row] = parseCsv(jobsToCsv(entries));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Client hire rate %')).toBe('');
    expect(cell('Client hires per job')).toBe('2.5');
  });

  it('exports jobs as JSON too', () => {
    const entries = annotateJobs(
      [makeJob()],
      { settings: defaultSettings(), blockList: { clients: [] }, notes: { entries: [] } },
      { userUtcOffsetMinutes: 0 },
    );
    const parsed = JSON.parse(jobsToJson(entries, new Date('2025-02-01T00:00:00Z')));
    expect(parsed).toMatchObject({ format: 'loupe-jobs', version: 1, exportedAt: '2025-02-01T00:00:00.000Z' });
    expect(parsed.jobs[0].job.id).toBe('2024696422907076268');
  });
});

describe('backup file', () => {
  it('has the documented envelope and imports back cleanly', () => {
    const data = {
      settings: defaultSettings(),
      notes: { entries: [{ target: 'client' as const, key: 'a', text: 'n', tags: [], label: '', updatedAt: 1 }] },
      blockList: { clients: [] },
      savedSearches: { searches: [] },
    };
    const backup = makeBackup(data, new Date('2025-01-31T12:00:00Z'));
    expect(Object.keys(backup)).toEqual(['format', 'version', 'exportedAt', 'settings', 'notes', 'blockList', 'savedSearches']);
    expect(backup).toMatchObject({ format: 'loupe-backup', version: 2, exportedAt: '2025-01-31T12:00:00.000Z' });
    const check = checkBackupText(backupToJson(backup));
    expect(check.ok).toBe(true);
    expect(exportFileName('backup', 'json', new Date('2025-01-31T12:00:00Z'))).toBe('loupe-backup-2025-01-31.json');
  });
});
