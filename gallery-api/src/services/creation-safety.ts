import type { CreationSafety } from '@atelier/contracts/creation.schema';
import type { Remix } from '@atelier/contracts/remix.schema';

type RemixSafetyEntry = CreationSafety['remixes'][number];

/**
 * What moderation needs to know about a creation's remixes: flagged when any remix was flagged by the screen.
 * A flag only orders the queue and shows the scores; it never drops or hides a creation, and every creation
 * waits for a person's decision either way. A remix from before the screen existed (no `safety`) counts as not
 * screened, never as clean. Null when the creation uses no remix (nothing was screened).
 */
export function creationSafetyOf(remixes: Pick<Remix, 'id' | 'safety' | 'screening'>[]): CreationSafety | null {
  if (remixes.length === 0) return null;
  const entries = remixes.map((r): RemixSafetyEntry => {
    const s = r.safety;
    if (!s) {
      const note = r.screening ? 'the safety screen had not finished when this was published' : 'no safety report';
      return { remixId: r.id, screened: false, flagged: false, scores: {}, flagClasses: [], threshold: 0, note };
    }
    return {
      remixId: r.id,
      screened: s.screened,
      flagged: s.flagged,
      scores: s.scores,
      flagClasses: s.flagClasses,
      threshold: s.threshold,
      ...(s.note ? { note: s.note } : {}),
    };
  });
  return { flagged: entries.some((e) => e.flagged), remixes: entries };
}
