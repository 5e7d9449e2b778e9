import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_VISITOR, remixOf } from '../services/creation.fakes';
import { describeRemixSource } from '../services/remix-source.contract';
import { HttpInferenceClient } from './inference.client';
import { startInferenceTestServer, type InferenceTestServer } from './inference.test-server';

describeRemixSource('HttpInferenceClient', async () => {
  const server = await startInferenceTestServer();
  return {
    source: new HttpInferenceClient(server.url),
    // Port 9 (discard) has nothing listening on a test machine: the connection is refused.
    unreachable: new HttpInferenceClient('http://127.0.0.1:9', 1_000),
    serve: server.serve,
    serveOutput: server.serveOutput,
    announce: server.announce,
    subscribed: server.subscribed,
    close: server.close,
  };
});

describe('HttpInferenceClient reading a fake event stream', () => {
  let server: InferenceTestServer;
  let client: HttpInferenceClient;
  beforeEach(async () => {
    server = await startInferenceTestServer();
    client = new HttpInferenceClient(server.url);
  });
  afterEach(async () => server.close());

  it('reads events split across chunks, past heartbeats and events it does not know', async () => {
    server.serve(remixOf('r', { screening: true }));
    const waiting = client.awaitScreen('r', FAKE_VISITOR, 10_000);
    await server.subscribed('r');
    const screened = JSON.stringify(remixOf('r', { safety: { screened: false, flagged: false, scores: {}, flagClasses: [], threshold: 0.6, note: 'model off' } }));
    server.write('r', ': heartbeat\n\nevent: queue-moved\ndata: {"anything":1}\n\n');
    server.write('r', `event: screened\ndata: ${screened.slice(0, 40)}`);
    server.write('r', `${screened.slice(40)}\n\n`);
    expect(await waiting).toMatchObject({ id: 'r', safety: { screened: false, note: 'model off' } });
  });

  it('answers the last completed remix when a stream ends without a screen (an inference-service before `screened`)', async () => {
    server.serve(remixOf('old', { screening: true }));
    const waiting = client.awaitScreen('old', FAKE_VISITOR, 10_000);
    await server.subscribed('old');
    server.write('old', `event: completed\ndata: ${JSON.stringify(remixOf('old'))}\n\n`);
    server.end('old');
    expect(await waiting).toEqual(remixOf('old'));
  });
});
