import { describe, expect, it } from 'vitest';
import { redisConnection } from '../jobs/connection';
import { QueueUnavailableError } from '../services/remix-queue';
import { BullRemixQueue } from './remix-queue.repository';

describe('BullRemixQueue with Redis down', () => {
  it('gives up within its timeout instead of hanging the request', async () => {
    const connection = redisConnection('redis://127.0.0.1:1', 'api');
    connection.on('error', () => {});
    const queue = new BullRemixQueue(connection, 'down', 300);
    queue.queue.on('error', () => {});
    try {
      await expect(queue.find('x')).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(await queue.ping()).toBe(false);
    } finally {
      connection.disconnect();
    }
  });
});
