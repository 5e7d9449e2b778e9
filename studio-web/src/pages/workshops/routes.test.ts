import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../app/router';

const W = '0b6f2a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('workshop addresses', () => {
  it('parses the educator, projector, class work, join, pupil and take-home pages', () => {
    expect(parseRoute('/workshops')).toEqual({ page: 'workshops' });
    expect(parseRoute(`/workshops/${W}`)).toEqual({ page: 'workshop', id: W });
    expect(parseRoute(`/workshops/${W}/projector`)).toEqual({ page: 'workshopProjector', id: W });
    expect(parseRoute(`/workshops/${W}/work/${W}`)).toEqual({ page: 'workshopWork', id: W, submissionId: W });
    expect(parseRoute('/join')).toEqual({ page: 'join' });
    expect(parseRoute('/join/AB3CD4')).toEqual({ page: 'join', code: 'AB3CD4' });
    expect(parseRoute('/workshop')).toEqual({ page: 'pupil' });
    expect(parseRoute(`/take-home/${'a'.repeat(32)}`)).toEqual({ page: 'takeHome', token: 'a'.repeat(32) });
    expect(parseRoute('/workshops/nope').page).toBe('notFound');
  });
});
