import { FakeCreations } from './creation.fakes';
import { newCreation } from './creation.contract';
import { FakeDrafts } from './draft.fakes';
import { describeWorkshopStore } from './workshop.contract';
import { FakeWorkshops } from './workshop.fakes';

describeWorkshopStore('FakeWorkshops', async () => {
  const staff = new Map<string, string>();
  const drafts = new FakeDrafts();
  const creations = new FakeCreations();
  return {
    store: new FakeWorkshops(staff, drafts.rows),
    addEducator: async (username) => {
      const id = `10000000-0000-4000-8000-${String(staff.size + 1).padStart(12, '0')}`;
      staff.set(id, username);
      return id;
    },
    addDraft: async (d) => void (await drafts.insert(d)),
    addCreation: async (n) => (await creations.insert(newCreation(n))).creation.id,
    draftCount: async () => drafts.rows.size,
    close: async () => undefined,
  };
});
