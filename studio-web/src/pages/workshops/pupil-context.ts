import type { PupilView } from '@atelier/contracts/workshop.schema';
import type { Tool } from '@atelier/contracts/tools';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/http';
import { workshopApi } from '../../api/workshop.client';
import { navigate } from '../../app/router';
import { describeError } from '../../components/Message';
import type { Translate } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/**
 * Whether this browser is a workshop pupil's, for the studio (allowed tools, where "publish" sends to). The session is
 * the HttpOnly pupil cookie; this device only remembers that it joined (and the rejoin code to show), so visitors who
 * never joined make no request for it.
 */
const KEY = 'atelier.pupil';

export interface PupilMemo {
  code: string;
  rejoinCode: string | null;
}

export function rememberPupil(memo: PupilMemo | null): void {
  try {
    if (memo) localStorage.setItem(KEY, JSON.stringify(memo));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the cookie still works for this visit.
  }
  cached = null;
  for (const l of listeners) l();
}

export function pupilMemo(): PupilMemo | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as PupilMemo) : null;
  } catch {
    return null;
  }
}

let cached: Promise<PupilView | null> | null = null;
const listeners = new Set<() => void>();

function loadPupil(): Promise<PupilView | null> {
  if (!pupilMemo()) return Promise.resolve(null);
  cached ??= workshopApi.pupil('en').catch((err: unknown) => {
    // No longer a pupil (ended and forgotten, removed, cookie gone): a visitor again.
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) rememberPupil(null);
    return null;
  });
  return cached;
}

/** The pupil's workshop, or null for everyone else; `settled` once known (a visitor who never joined: at once). */
export function usePupilWorkshopState(): { view: PupilView | null; settled: boolean } {
  const [state, setState] = useState<{ view: PupilView | null; settled: boolean }>(() => ({ view: null, settled: !pupilMemo() }));
  useEffect(() => {
    let live = true;
    const load = () => void loadPupil().then((view) => live && setState({ view, settled: true }));
    load();
    listeners.add(load);
    return () => {
      live = false;
      listeners.delete(load);
    };
  }, []);
  return state;
}

/** The pupil's workshop, or null for everyone else (and while it loads). */
export const usePupilWorkshop = (): PupilView | null => usePupilWorkshopState().view;

/** The remix tools the studio offers: for a pupil, only the workshop's. */
export const pupilTools = (tools: readonly Tool[], pupil: PupilView | null): Tool[] =>
  pupil ? tools.filter((tool) => pupil.workshop.tools.includes(tool)) : [...tools];

/** A refusal in the pupil's language where the workshop has words for it, else the usual description. */
export function workshopError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const key = `workshop.error.${err.code}` as MessageKey;
    const text = t(key);
    if (text !== key) return text;
  }
  return describeError(err, t);
}

/**
 * A pupil's "publish": the work goes to the educator's approval queue (not the museum's), and the pupil is taken back
 * to their workshop page, where its state and the educator's comment appear. Answers null: there is no creation yet.
 */
export async function sendToEducator(meta: Parameters<typeof workshopApi.submit>[0], image: Blob): Promise<null> {
  await workshopApi.submit(meta, image);
  navigate('/workshop?sent=1');
  return null;
}
