import 'vitest-canvas-mock';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { en } from './i18n/en';
import { registerDictionary } from './i18n';
import { nl } from './i18n/nl';

// The app fetches a language's dictionary when it is first used; tests have both from the start.
registerDictionary('en', en);
registerDictionary('nl', nl);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
