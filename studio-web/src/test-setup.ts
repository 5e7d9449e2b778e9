import 'vitest-canvas-mock';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { registerDictionary } from './i18n';
import { completeEn, completeNl } from './i18n/complete';

// The app fetches a language's sections as its pages need them; tests have every one of both from the start.
registerDictionary('en', completeEn);
registerDictionary('nl', completeNl);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
