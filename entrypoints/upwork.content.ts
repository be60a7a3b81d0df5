import { defineContentScript } from 'wxt/utils/define-content-script';
import { createOverlayViews } from '../components/overlay/views';
import { startContentScript } from '../lib/features/content-main';

export default defineContentScript({
  matches: ['https://www.upwork.com/*'],
  runAt: 'document_idle',
  main: (ctx) => startContentScript(ctx, createOverlayViews()),
});
