import type { PageContext } from './context';
import { money, number } from './format';
import { renderNotFound } from './home-page';
import { html } from './html';
import type { PageResult } from './layout';

/** /freelancers/~01…: no stable landmarks on Upwork either, so a plain layout. */
export function renderProfilePage(ctx: PageContext, key: string, path: string): PageResult {
  const f = ctx.dataset.freelancers.find((x) => x.profileKey === key);
  if (!f) return renderNotFound(path);
  const name = `${f.firstName} ${f.lastName.slice(0, 1)}.`;
  const main = html`<div class="profile">
  <h1>${name}</h1>
  <p class="text-light">${f.city ?? ''}${f.city && f.country ? ', ' : ''}${f.country?.name ?? ''}</p>
  <h2>${f.title ?? ''}</h2>
  <p><strong>${money(f.hourlyRate)}/hr</strong></p>
  ${f.hideJss || f.jobSuccessScore === null ? '' : html`<p>${f.jobSuccessScore}% Job Success</p>`}
  ${f.topRated === 'NONE' ? '' : html`<p>${f.topRated === 'TOP_RATED_PLUS' ? 'Top Rated Plus' : 'Top Rated'}</p>`}
  <ul>
    ${f.hideEarnings ? '' : html`<li>${money(f.totalEarnings)} total earnings</li>`}
    <li>${number(f.totalHourlyJobs + f.totalFixedJobs)} total jobs</li>
    <li>${number(f.totalHours)} total hours</li>
  </ul>
  ${f.description ? html`<p>${f.description}</p>` : ''}
  <div class="air3-token-container">${f.skills.map((s) => html`<span class="air3-token">${s}</span>`)}</div>
</div>`;
  return { status: 200, title: `${name} - ${f.title ?? 'Freelancer'}`, main };
}
