import type { SafetyReport } from '@atelier/contracts';
import type { ImageSource } from './pixels';
import { flagScore, type SafetyClassifier, type SafetyPolicy } from './models/safety';

/**
 * Screens the visitor's canvas and the output with nsfwjs and reports, never blocks: the remix completes
 * either way and carries the scores. If the classifier cannot run (model off, file missing) the report
 * says `screened: false` and why, so moderation knows the scores are absent rather than clean.
 */
export class SafetyScreen {
  constructor(
    private readonly classifier: Pick<SafetyClassifier, 'scores'> | null,
    private readonly policy: SafetyPolicy,
    private readonly model: { id: string; version: string } | null,
    private readonly log: (msg: string, extra?: Record<string, unknown>) => void = () => {},
  ) {}

  async report(images: { input?: ImageSource; output?: ImageSource }): Promise<SafetyReport> {
    const base = { flagClasses: [...this.policy.flagClasses], threshold: this.policy.threshold };
    if (!images.input && !images.output)
      return { ...base, screened: false, flagged: false, scores: {}, note: 'collection works are not screened' };
    if (!this.classifier || !this.model)
      return { ...base, screened: false, flagged: false, scores: {}, note: 'the safety model is not enabled' };
    try {
      const scores: SafetyReport['scores'] = {};
      const classifier = this.classifier;
      // Both at once: each is a small session.run, and overlapping them keeps both cores busy.
      const [input, output] = await Promise.all([images.input && classifier.scores(images.input), images.output && classifier.scores(images.output)]);
      if (input) scores.input = input;
      if (output) scores.output = output;
      const flagged = [scores.input, scores.output].some((s) => !!s && flagScore(s, this.policy) >= this.policy.threshold);
      return { ...base, screened: true, flagged, scores, model: this.model };
    } catch (err) {
      this.log('safety screen failed', { err: (err as Error).message });
      return { ...base, screened: false, flagged: false, scores: {}, model: this.model, note: `screen failed: ${(err as Error).message.split('\n')[0]}` };
    }
  }
}
