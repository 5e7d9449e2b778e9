import { describeDraftStore } from './draft.contract';
import { FakeDrafts } from './draft.fakes';

describeDraftStore('FakeDrafts', async () => ({ drafts: new FakeDrafts(), close: async () => undefined }));
