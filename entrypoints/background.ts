import { defineBackground } from 'wxt/utils/define-background';
import { startWorker } from '../lib/background/worker';

export default defineBackground({ type: 'module', main: startWorker });
