import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createBridgeApi } from './bridge/shim';
import './ui/tokens.css';
import './ui/base.css';
import './styles.css';

// In Electron the preload has set window.cairn; in a browser the bridge that served this page can.
window.cairn ??= createBridgeApi() ?? undefined;

const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(
  <StrictMode>
    {window.cairn ? (
      <App />
    ) : (
      <main className="unconnected">
        <h1>Cairn is not connected</h1>
        <p>
          Open Cairn from the desktop app, or start it in a browser with <code>npm run dev:web</code>.
        </p>
      </main>
    )}
  </StrictMode>,
);
