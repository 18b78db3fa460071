/**
 * Renderer entry. In Electron the preload has already put `window.qwanyx`
 * in place; in a plain browser (the browser host) we install the WebSocket
 * bridge first, so the app below never knows which shell it runs in.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { currentBridge } from './lib/bridge';
import { applyTheme } from './lib/theme';
import { installWebBridge } from './lib/webBridge';

if (!currentBridge()) installWebBridge();
// Follow the OS theme from the first frame, before the settings arrive.
applyTheme('system');

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
