import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { tokensCss } from './tokens';
import './base.css';

/** Puts the design tokens on :root (light and dark follow the browser), then renders the page into the body's one container. */
export function mountPage(app: ReactNode): void {
  const style = document.createElement('style');
  style.dataset.loupeTokens = '';
  style.textContent = tokensCss(':root');
  document.head.prepend(style);
  createRoot(document.body.appendChild(document.createElement('div'))).render(app);
}
