import pg from "pg";
import type { Config } from "../config.js";
import type { AppLogger } from "../logger.js";
import { createDedupe } from "../slack/dedupe.js";
import type { SharedDeps } from "../slack/shared.js";
import type { HealthProbe } from "../slack/transport/healthz.js";
import { createEventSink, type EventSink, type LogTap } from "./event-sink.js";
import { createPostgresInstallationStore } from "./installation-store.js";
import { migrate } from "./migrations.js";
import { createPostgresEscalations } from "./postgres-escalations.js";
import { createPostgresSettings } from "./postgres-settings.js";
import { connectRedis, type SharedRedis, waitForRedis } from "./redis.js";
import { withRefreshLock } from "./refresh-lock.js";
import { createSharedDedupe } from "./shared-dedupe.js";
import { createRedisThrottle } from "./throttle.js";

export interface SharedState extends SharedDeps {
  redis?: SharedRedis;
  pool?: pg.Pool;
  events?: EventSink;
  /** Waits for event writes, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
}

/** Slack retries an unacknowledged event three times within a few minutes. */
const DEDUPE_TTL_MS = 10 * 60 * 1000;
const OWNER_NOTICE_WINDOW_MS = 60 * 60 * 1000;
/** A replica starts without Redis rather than wait for it: it answers, degraded. */
const REDIS_START_WAIT_MS = 2000;

/**
 * Connects what REDIS_URL and DATABASE_URL name. PostgreSQL must be reachable at start (the
 * migrations run here, and OAuth installs live there): a failure throws. Redis may be down: the
 * replica starts degraded and uses in-process state until it comes back.
 */
export async function openSharedState(
  config: Config,
  logger: AppLogger,
  logTap?: LogTap,
): Promise<SharedState> {
  const probes: HealthProbe[] = [];
  const state: Omit<SharedState, "close"> = { probes };
  if (config.redisUrl !== undefined) {
    const redis = connectRedis(config.redisUrl, logger.child({ component: "redis" }));
    state.redis = redis;
    await waitForRedis(redis, REDIS_START_WAIT_MS);
    state.dedupe = createSharedDedupe(
      redis,
      createDedupe({ ttlMs: DEDUPE_TTL_MS, max: 10_000 }),
      DEDUPE_TTL_MS,
    );
    state.ownerNotices = createRedisThrottle(redis, OWNER_NOTICE_WINDOW_MS);
    probes.push({ name: "redis", required: false, check: () => redis.ping() });
  }
  if (config.databaseUrl !== undefined) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 5,
      connectionTimeoutMillis: 3000,
    });
    pool.on("error", (error) =>
      logger.error({ event: "postgres_error", err: error }, "a PostgreSQL connection failed"),
    );
    state.pool = pool;
    try {
      const applied = await migrate(pool);
      logger.info({ event: "migrated", applied }, "database schema is up to date");
    } catch (error) {
      await pool.end().catch(() => undefined);
      await state.redis?.close();
      throw error;
    }
    state.settings = createPostgresSettings(pool, logger.child({ component: "settings" }));
    state.escalations = createPostgresEscalations(pool);
    const events = createEventSink(pool, logger.child({ component: "events" }));
    state.events = events;
    logTap?.attach((line) => events.offer(line));
    if (config.tokenEncryptionKey !== undefined) {
      const store = createPostgresInstallationStore(pool, config.tokenEncryptionKey);
      state.installationStore = store;
      const redis = state.redis;
      if (redis !== undefined)
        state.refreshLock = (authorize) =>
          withRefreshLock(authorize, store, redis, logger.child({ component: "oauth" }));
    }
    probes.push({
      name: "postgres",
      // Without it an OAuth app cannot find a workspace's token; otherwise only events wait.
      required: config.oauth !== undefined,
      check: async () => (await pool.query("SELECT 1 AS up")).rows.length === 1,
    });
  }
  return {
    ...state,
    async close() {
      await state.events?.drain();
      await state.pool?.end().catch(() => undefined);
      await state.redis?.close();
    },
  };
}
