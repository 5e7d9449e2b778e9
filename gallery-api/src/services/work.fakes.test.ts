import { describeWorkStore } from './work.contract';
import { FakeWorkStore } from './work.fakes';

describeWorkStore('FakeWorkStore', async () => ({ works: new FakeWorkStore(), close: async () => undefined }));
