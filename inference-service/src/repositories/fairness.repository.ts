import type { Redis } from 'ioredis';
import { CLAIM_LEASE_MS, DURATION_SAMPLES, remixKeys } from '../jobs/control';
import { REMIX_JOB_OPTIONS, type FairnessKey } from '../jobs/remix.job';
import type { FairnessStore, Reservation, SessionLimits } from '../services/fair-scheduler';
import { groupRemixesKey } from './workshop-remixes.repository';

const HOUR_MS = 3600_000;
/** A group's remix index outlives its last job (REMIX_JOB_OPTIONS keeps finished jobs 14 days) by a day. */
const GROUP_INDEX_TTL_S = Math.max(REMIX_JOB_OPTIONS.removeOnComplete.age, REMIX_JOB_OPTIONS.removeOnFail.age) + 86_400;

// KEYS: session set, group turns ('' when none), hour counter, claim, group remixes ('' when none).
// ARGV: id, maxPending, maxPerHour, hour ms, lease ms, group index seconds.
// One script, so two simultaneous submits cannot both take the last slot or both create the remix. The claim is a
// lease (jobs/control.ts CLAIM_LEASE_MS): a submit that never finished (a crash, Redis lost) does not hold the id.
const RESERVE = `
if redis.call('EXISTS', KEYS[4]) == 1 then return {0, 'duplicate', 0} end
local n = redis.call('SCARD', KEYS[1])
if n >= tonumber(ARGV[2]) then return {0, 'pending', 0} end
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used >= tonumber(ARGV[3]) then return {0, 'hourly', redis.call('PTTL', KEYS[3])} end
redis.call('SET', KEYS[4], '1', 'PX', ARGV[5])
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], 86400)
if redis.call('INCR', KEYS[3]) == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[4]) end
-- The pupils of a workshop take turns: its place in the group counts the group's pending remixes of this session
-- rank or lower (its classmates' firsts before anyone's second), not all of them.
local g = 0
if KEYS[2] ~= '' then
  redis.call('ZADD', KEYS[2], n + 1, ARGV[1])
  redis.call('EXPIRE', KEYS[2], 86400)
  g = redis.call('ZCOUNT', KEYS[2], '-inf', n + 1)
  redis.call('SADD', KEYS[5], ARGV[1])
  redis.call('EXPIRE', KEYS[5], ARGV[6])
end
return {1, n + 1, g}
`;

// KEYS as RESERVE's; ARGV: id. Gives the slot back once (a second release, say after Redis returned, changes nothing)
// and the hourly unit with it, without creating a counter the hour window already dropped.
const RELEASE = `
local removed = redis.call('SREM', KEYS[1], ARGV[1])
if KEYS[2] ~= '' then redis.call('ZREM', KEYS[2], ARGV[1]) end
if removed == 1 and redis.call('EXISTS', KEYS[3]) == 1 and tonumber(redis.call('GET', KEYS[3])) > 0 then redis.call('DECR', KEYS[3]) end
redis.call('DEL', KEYS[4])
return removed
`;

/** The fair queue's bookkeeping in Redis, next to BullMQ's keys (one Lua script takes a slot atomically). */
export class RedisFairnessStore implements FairnessStore {
  private readonly keys;
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long a submit holds its claim (REMIX_CLAIM_LEASE_S). */
    private readonly claimLeaseMs = CLAIM_LEASE_MS,
  ) {
    this.keys = remixKeys(prefix);
  }

  async reserve(key: FairnessKey, remixId: string, limits: SessionLimits): Promise<Reservation> {
    const [ok, a, b] = (await this.redis.eval(
      RESERVE,
      5,
      this.keys.sessionPending(key.sessionId),
      key.groupId ? this.keys.groupPending(key.groupId) : '',
      this.keys.sessionHour(key.sessionId),
      this.keys.claim(remixId),
      key.groupId ? groupRemixesKey(this.prefix, key.groupId) : '',
      remixId,
      limits.maxPending,
      limits.maxPerHour,
      HOUR_MS,
      this.claimLeaseMs,
      GROUP_INDEX_TTL_S,
    )) as [number, number | string, number];
    if (ok === 1) return { ok: true, rank: Number(a), groupPlace: b };
    if (a === 'duplicate') return { ok: false, reason: 'duplicate', retryAfterMs: 0 };
    return { ok: false, reason: a as 'pending' | 'hourly', retryAfterMs: Math.max(0, b) };
  }

  async release(key: FairnessKey, remixId: string): Promise<void> {
    await this.redis.eval(
      RELEASE,
      4,
      this.keys.sessionPending(key.sessionId),
      key.groupId ? this.keys.groupPending(key.groupId) : '',
      this.keys.sessionHour(key.sessionId),
      this.keys.claim(remixId),
      remixId,
    );
  }

  async inFlight(remixIds: string[]): Promise<Set<string>> {
    if (!remixIds.length) return new Set();
    const pipeline = this.redis.pipeline();
    for (const id of remixIds) pipeline.exists(this.keys.claim(id));
    const answers = (await pipeline.exec()) ?? [];
    return new Set(remixIds.filter((_, i) => answers[i]?.[1] === 1));
  }

  async pending(key: FairnessKey): Promise<{ session: string[]; group: string[] }> {
    const [session, group] = await Promise.all([
      this.redis.smembers(this.keys.sessionPending(key.sessionId)),
      key.groupId ? this.redis.zrange(this.keys.groupPending(key.groupId), 0, -1) : Promise.resolve([]),
    ]);
    return { session, group };
  }

  async forget(key: FairnessKey, remixIds: string[]): Promise<void> {
    if (!remixIds.length) return;
    const multi = this.redis.multi().srem(this.keys.sessionPending(key.sessionId), ...remixIds);
    if (key.groupId) multi.zrem(this.keys.groupPending(key.groupId), ...remixIds);
    await multi.exec();
  }

  async recordDuration(model: string, ms: number): Promise<void> {
    const k = this.keys.durations(model);
    await this.redis.multi().lpush(k, Math.round(ms)).ltrim(k, 0, DURATION_SAMPLES - 1).exec();
  }

  async averageDuration(model: string): Promise<number | undefined> {
    const values = (await this.redis.lrange(this.keys.durations(model), 0, -1)).map(Number).filter(Number.isFinite);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
  }
}
