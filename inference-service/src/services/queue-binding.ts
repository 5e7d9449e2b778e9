import type { ObjectStorage } from '@atelier/common';

/**
 * A storage folder remembers the queue prefix whose remixes it holds files for. The storage sweeper reads
 * "job gone" as "may delete", so a worker started with another QUEUE_PREFIX than the API's would see every
 * waiting remix as gone and delete its input. The API (which writes the inputs) binds the folder when it
 * starts; the sweeper only sweeps a folder bound to its own prefix.
 */
export const QUEUE_BINDING_KEY = 'queue-binding.json';

type BindingReader = Pick<ObjectStorage, 'get' | 'exists'>;

export class QueueBindingError extends Error {
  constructor(
    readonly bound: string | null,
    readonly ours: string,
  ) {
    super(
      bound === null
        ? `this storage folder is not bound to a queue yet (${QUEUE_BINDING_KEY}): the inference API binds it when it ` +
            `starts; nothing is swept until then.`
        : `this storage folder holds the files of queue prefix "${bound}", but this process uses QUEUE_PREFIX="${ours}". ` +
            `Give the API and every worker the same QUEUE_PREFIX and storage folder (or delete ${QUEUE_BINDING_KEY} ` +
            `if the folder really moved to another queue).`,
    );
    this.name = 'QueueBindingError';
  }
}

/** The prefix the folder is bound to; null when unbound; `(unreadable)` for a file that is not ours. */
async function boundPrefix(storage: BindingReader): Promise<string | null> {
  if (!(await storage.exists(QUEUE_BINDING_KEY))) return null;
  try {
    const { queuePrefix } = JSON.parse((await storage.get(QUEUE_BINDING_KEY)).toString('utf8')) as { queuePrefix?: unknown };
    return typeof queuePrefix === 'string' ? queuePrefix : '(unreadable)';
  } catch {
    return '(unreadable)';
  }
}

/** For the API at start: binds an unbound folder to `prefix`; throws QueueBindingError for another prefix. */
export async function bindStorageToQueue(storage: BindingReader & Pick<ObjectStorage, 'put'>, prefix: string): Promise<'bound' | 'already bound'> {
  const bound = await boundPrefix(storage);
  if (bound === null) {
    await storage.put(QUEUE_BINDING_KEY, Buffer.from(`${JSON.stringify({ queuePrefix: prefix })}\n`));
    return 'bound';
  }
  if (bound !== prefix) throw new QueueBindingError(bound, prefix);
  return 'already bound';
}

/** For the sweeper: throws QueueBindingError unless the folder is bound to `prefix`; never writes. */
export async function assertBoundToQueue(storage: BindingReader, prefix: string): Promise<void> {
  const bound = await boundPrefix(storage);
  if (bound !== prefix) throw new QueueBindingError(bound, prefix);
}
