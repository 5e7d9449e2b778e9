import { randomUUID } from 'node:crypto';
import { describeExhibitionStores } from './exhibition.contract';
import { FakeExhibitionStore, FakeMementoStore } from './exhibition.fakes';

describeExhibitionStores('FakeExhibitionStore', async () => {
  const store = new FakeExhibitionStore();
  return {
    store,
    withdrawals: store,
    mementos: new FakeMementoStore(),
    creation: async (status) => {
      const id = randomUUID();
      store.statuses.set(id, status);
      return id;
    },
    close: async () => undefined,
  };
});
