/** Notes and tags on job tiles and on the job page: two switches, one widget (widget.ts). */
export { default as jobPageNotes } from './job-page';
export { default as clientNotes } from './tiles';
