import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { translate } from '../i18n';
import { describeError } from './Message';

const inDutch = (err: unknown) => describeError(err, (k, v) => translate('nl', k, v));

describe('describeError', () => {
  it("says a publish refusal in the visitor's language, not the server's English", () => {
    expect(inDutch(new ApiError(422, 'image_mismatch', 'The picture does not show its canvas.'))).toMatch(/^De verstuurde afbeelding komt niet overeen/);
    expect(inDutch(new ApiError(422, 'work_not_shown', 'x'))).toMatch(/verborgen of staat buiten het canvas/);
    expect(inDutch(new ApiError(422, 'canvas_unrenderable', 'x'))).toMatch(/kon niet worden gecontroleerd/);
  });

  it("keeps the server's own message for other refusals, and plain words for outages", () => {
    expect(inDutch(new ApiError(400, 'bad_request', 'Title is too long.'))).toBe('Title is too long.');
    expect(inDutch(new ApiError(503, 'upstream_unavailable', 'x'))).toBe(translate('nl', 'error.unavailable'));
    expect(inDutch(new ApiError(0, 'network', 'x'))).toBe(translate('nl', 'error.network'));
  });
});
