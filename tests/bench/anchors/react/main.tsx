// The anchor for the gallery, creation and kiosk pages: a minimal React 19 app, built as the studio is.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Hello</h1>
  </StrictMode>,
);
