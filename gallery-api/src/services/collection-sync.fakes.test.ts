import { describeSourceSyncStore } from './collection-source.contract';
import { FakeSourceSyncStore } from './collection-sync.fakes';

describeSourceSyncStore('FakeSourceSyncStore', async () => ({ sources: new FakeSourceSyncStore(), close: async () => undefined }));
