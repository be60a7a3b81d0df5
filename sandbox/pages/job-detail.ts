import type { ClientRecord, JobRecord } from '../data/schema';
import type { PageContext } from './context';
import { ago, experienceLabel, jobTypeLabel, money, number, proposalsTier, publishedAt, rating, shortSpend } from './format';
import { html, type SafeHtml } from './html';

function clientLocalTime(client: ClientRecord, now: number): string {
  if (!client.timezone) return '';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: client.timezone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}

function aboutClient(ctx: PageContext, client: ClientRecord): SafeHtml {
  const hireRate = client.totalPostedJobs > 0 ? Math.round((client.totalHires / client.totalPostedJobs) * 100) : null;
  const memberSince = new Date(ctx.startedAt - client.memberSinceDaysAgo * 86_400_000);
  return html`<aside class="about-client"${ctx.attr('data-test', 'about-client-container')}>
  <h4>About the client</h4>
  <div class="client-payment" data-test="payment-verification-status">${client.paymentVerified ? 'Payment method verified' : 'Payment method not verified'}</div>
  <div class="client-rating" data-test="client-rating">${client.rating === null ? 'No reviews yet' : html`${rating(client)} of ${number(client.totalReviews)} reviews`}</div>
  <ul>
    <li data-qa="client-location"><strong>${client.country?.name ?? ''}</strong> <span>${client.city ?? ''} ${clientLocalTime(client, ctx.now)}</span></li>
    <li${ctx.attr('data-qa', 'client-job-posting-stats')}><strong>${number(client.totalPostedJobs)} jobs posted</strong>
      <div>${hireRate === null ? '' : `${hireRate}% hire rate, `}${client.openJobs} open job${client.openJobs === 1 ? '' : 's'}</div></li>
    ${client.hasFinancialPrivacy ? '' : html`<li${ctx.attr('data-qa', 'client-spend')}><strong><span>${shortSpend(client.totalSpent).replace('+', '')}</span> total spent</strong></li>`}
    <li${ctx.attr('data-qa', 'client-hires')}><span>${number(client.totalHires)} hires</span></li>
    ${client.avgHourlyRatePaid === null ? '' : html`<li${ctx.attr('data-qa', 'client-hourly-rate')}><strong>${money(client.avgHourlyRatePaid)} /hr avg hourly rate paid</strong></li>`}
    <li data-qa="client-hours"><span>${number(client.totalHoursBilled)} hours</span></li>
    <li data-qa="client-contract-date"><small>Member since ${memberSince.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}</small></li>
  </ul>
</aside>`;
}

function activity(ctx: PageContext, job: JobRecord): SafeHtml {
  const lastSeen = job.activity.lastClientActivityMinutesAgo;
  const item = (title: string, value: string) =>
    html`<li class="${ctx.cls('ca-item')}"><span class="title">${title}</span> <span class="value">${value}</span></li>`;
  return html`<section class="${ctx.cls('client-activity-items')}" data-test="client-activity">
  <h5>Activity on this job</h5>
  <ul>
    ${item('Proposals:', proposalsTier(job.totalApplicants))}
    ${lastSeen === null ? '' : item('Last viewed by client:', ago(ctx.startedAt - lastSeen * 60_000, ctx.now))}
    ${item('Hires:', String(job.activity.hired))}
    ${item('Interviewing:', String(job.activity.interviewing))}
    ${item('Invites sent:', String(job.activity.invitesSent))}
    ${item('Unanswered invites:', String(job.activity.unansweredInvites))}
  </ul>
</section>`;
}

/** The job's details: the /jobs/… page body and the slider's content share it. */
export function jobDetailBody(ctx: PageContext, job: JobRecord, client: ClientRecord): SafeHtml {
  return html`<div class="job-details" data-test="job-details" data-job-id="${job.id}">
  <div class="job-details-main">
    <section>
      <h1 class="job-title" data-test="job-title">${job.title}</h1>
      <p class="text-light">Posted <span data-test="posted-on">${ago(publishedAt(job, ctx.startedAt), ctx.now)}</span> · ${job.category.label}</p>
    </section>
    <section data-test="Description"><p class="job-description-full">${job.description}</p></section>
    <section data-test="job-features">
      <ul>
        <li><strong>${jobTypeLabel(job)}</strong>${job.jobType === 'FIXED' ? html` · <strong>${money(job.fixedBudget ?? 0)}</strong>` : ''}</li>
        <li><strong>${experienceLabel(job.experienceLevel)}</strong></li>
        ${job.durationLabel ? html`<li>${job.durationLabel}</li>` : ''}
      </ul>
    </section>
    <section data-test="Skills"><h5>Skills and expertise</h5><div class="air3-token-container">${job.skills.map(
      (s) => html`<span class="air3-token">${s}</span>`,
    )}</div></section>
    ${
      job.screeningQuestions.length > 0
        ? html`<section data-test="screening-questions"><h5>You will be asked to answer the following questions when submitting a proposal:</h5>
      <ol class="screening-questions">${job.screeningQuestions.map((q) => html`<li>${q}</li>`)}</ol></section>`
        : ''
    }
    ${activity(ctx, job)}
  </div>
  ${aboutClient(ctx, client)}
</div>`;
}
