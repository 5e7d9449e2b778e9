import { FakeCreations, FakeModerationStore, FakeRemixSource } from './creation.fakes';
import { describeCreationStore } from './creation.contract';
import { describeRemixSource } from './remix-source.contract';

describeCreationStore('FakeCreations + FakeModerationStore', async () => {
  const creations = new FakeCreations();
  const usernames: Record<string, string> = {};
  return {
    creations,
    moderation: new FakeModerationStore(creations, usernames),
    addStaff: async (username) => {
      const id = `staff-${username}`;
      usernames[id] = username;
      return id;
    },
    close: async () => undefined,
  };
});

describeRemixSource('FakeRemixSource', async () => {
  const source = new FakeRemixSource();
  const unreachable = new FakeRemixSource();
  unreachable.reachable = false;
  return {
    source,
    unreachable,
    serve: (remix, owner) => source.serve(remix, owner),
    serveOutput: (id, png) => source.serveOutput(id, png),
    announce: (id, event) => source.announce(id, event),
    subscribed: (id) => source.subscribed(id),
    close: async () => undefined,
  };
});
