import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialLang, loadLanguage } from './i18n';
import './styles.css';

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// The visitor's language arrives with the page (its own chunk) before the first render; the other one only on a switch.
loadLanguage(initialLang()).then(render, render);
