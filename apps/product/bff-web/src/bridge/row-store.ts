import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { httpStartRows, type MessageRow } from './message-row';

const TTL_SECONDS = 3600;
const key = (checkoutId: string) => `demo:rows:${checkoutId}`;
const channel = (checkoutId: string) => `demo:rows:${checkoutId}`;

type Listener = (row: MessageRow) => void;

/**
 * Each checkout's rows, kept in Redis: a hash by row id (writing a row twice is harmless) as
 * the history a late or reconnecting page reads first, and a pub/sub channel for live rows,
 * so every bff instance can stream every checkout whichever instance bridged the message.
 */
@Injectable()
export class RowStore implements OnModuleInit, OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onModuleInit(): void {
    // Queued until connected (the shared client refuses offline commands); ioredis then
    // re-subscribes by itself after every reconnect.
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined); // reconnects by itself; readiness reports Redis
    void this.subscriber.psubscribe('demo:rows:*').catch(() => undefined);
    this.subscriber.on('pmessage', (_pattern, name, message) => {
      const checkoutId = name.slice('demo:rows:'.length);
      const row = JSON.parse(message) as MessageRow;
      for (const listener of this.listeners.get(checkoutId) ?? []) listener(row);
    });
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  async save(checkoutId: string, row: MessageRow): Promise<void> {
    const json = JSON.stringify(row);
    await this.redis.multi().hset(key(checkoutId), row.id, json).expire(key(checkoutId), TTL_SECONDS).publish(channel(checkoutId), json).exec();
  }

  recordHttpStart(checkoutId: string, scenario: string, at: Date): Promise<void[]> {
    return Promise.all(httpStartRows(checkoutId, scenario, at).map((row) => this.save(checkoutId, row)));
  }

  async history(checkoutId: string): Promise<MessageRow[]> {
    const rows = (await this.redis.hvals(key(checkoutId))).map((json) => JSON.parse(json) as MessageRow);
    return rows.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Calls `listener` for each live row of this checkout until the returned function is called. */
  listen(checkoutId: string, listener: Listener): () => void {
    const set = this.listeners.get(checkoutId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(checkoutId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(checkoutId);
    };
  }
}
