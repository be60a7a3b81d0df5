import type { ClientRecord, JobRecord } from '../data/schema';
import type { PageContext } from './context';
import { ago, experienceLabel, jobPath, jobTypeLabel, money, proposalsTier, publishedAt, rating, shortSpend } from './format';
import { html, type SafeHtml } from './html';

function skillTokens(ctx: PageContext, job: JobRecord): SafeHtml {
  return html`<div class="air3-token-container">${job.skills.map(
    (s) => html`<button type="button" class="air3-token"${ctx.attr('data-test', 'token')}><span>${s}</span></button>`,
  )}</div>`;
}

function budgetItem(ctx: PageContext, job: JobRecord): SafeHtml {
  if (job.jobType === 'FIXED') {
    return html`<li${ctx.attr('data-test', 'is-fixed-price')}><strong>Est. budget: </strong><strong>${money(job.fixedBudget ?? 0)}</strong></li>`;
  }
  return job.durationLabel
    ? html`<li data-test="duration-label"><strong>Est. time: </strong><strong>${job.durationLabel}${job.engagement ? `, ${job.engagement}` : ''}</strong></li>`
    : html``;
}

/** A tile on /nx/search/jobs/: article[data-ev-job-uid][data-test="JobTile"]. */
export function searchTile(ctx: PageContext, job: JobRecord, client: ClientRecord, detailHref: string): SafeHtml {
  const published = publishedAt(job, ctx.startedAt);
  return html`<article class="job-tile"${ctx.attr('data-ev-job-uid', job.id)}${ctx.attr('data-test', 'JobTile')}>
  <div class="job-tile-header">
    <small class="text-light"${ctx.attr('data-test', 'job-pubilshed-date')}><span>Posted</span> <span>${ago(published, ctx.now)}</span></small>
    <h2 class="job-tile-title"><a class="air3-link" data-slider-href="${detailHref}"${ctx.attr('data-test', 'job-tile-title-link')} href="${jobPath(job)}">${job.title}</a></h2>
  </div>
  <ul class="job-tile-info-list">
    <li${ctx.attr('data-test', 'job-type-label')}><strong>${jobTypeLabel(job)}</strong></li>
    <li${ctx.attr('data-test', 'experience-level')}><strong>${experienceLabel(job.experienceLevel)}</strong></li>
    ${budgetItem(ctx, job)}
  </ul>
  <div class="job-description"${ctx.attr('data-test', 'job-description-text')}><p>${job.description}</p></div>
  ${skillTokens(ctx, job)}
  <ul class="client-info" data-test="JobInfoClient">
    <li${ctx.attr('data-test', 'payment-verified')}>${client.paymentVerified ? 'Payment verified' : 'Payment unverified'}</li>
    <li${ctx.attr('data-test', 'total-feedback')}><span class="air3-rating" aria-label="${client.rating === null ? 'No reviews' : `Rating is ${client.rating} out of 5.`}">${rating(client)}</span></li>
    ${client.hasFinancialPrivacy ? '' : html`<li${ctx.attr('data-test', 'total-spent')}><strong>${shortSpend(client.totalSpent)}</strong> spent</li>`}
    <li${ctx.attr('data-test', 'location')}><span>${client.country?.name ?? ''}</span></li>
  </ul>
  <div class="job-tile-footer"><span${ctx.attr('data-test', 'proposals-tier')}>Proposals: <strong>${proposalsTier(job.totalApplicants)}</strong></span></div>
</article>`;
}

/** A tile on /nx/find-work/…: section[data-ev-sublocation="job_feed_tile"][data-ev-opening_uid]. */
export function feedTile(ctx: PageContext, job: JobRecord, client: ClientRecord, detailHref: string): SafeHtml {
  const published = publishedAt(job, ctx.startedAt);
  return html`<section class="air3-card-section job-feed-tile"${ctx.attr('data-ev-sublocation', 'job_feed_tile')}${ctx.attr('data-ev-opening_uid', job.id)}>
  <small class="text-light">Posted <span data-test="posted-on">${ago(published, ctx.now)}</span></small>
  <h3 class="${ctx.cls('job-tile-title')}"><a data-slider-href="${detailHref}" href="${jobPath(job)}">${job.title}</a></h3>
  <p class="text-light"><strong>${jobTypeLabel(job)}</strong> - ${experienceLabel(job.experienceLevel)}${job.jobType === 'FIXED' ? ` - Est. budget: ${money(job.fixedBudget ?? 0)}` : ''}</p>
  <div class="job-description"${ctx.attr('data-test', 'job-description-text')}>${job.description}</div>
  ${skillTokens(ctx, job)}
  <div class="client-info">
    <span>${client.paymentVerified ? 'Payment verified' : 'Payment unverified'}</span>
    <span>${rating(client)}</span>
    ${client.hasFinancialPrivacy ? '' : html`<span><strong>${shortSpend(client.totalSpent)}</strong> spent</span>`}
    <span${ctx.attr('data-test', 'client-country')}>${client.country?.name ?? ''}</span>
  </div>
  <small>Proposals: <strong>${proposalsTier(job.totalApplicants)}</strong></small>
</section>`;
}
