import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Holds a dedicated connection LISTENing on one channel and calls `onNotify` with each
 * notification's payload (the outbox relay's wake-up, a rotation of the provider's secrets).
 * Reconnects by itself; while it is down, whoever listens falls back to its own poll. After each
 * (re)connect it calls `onNotify('')` once: whatever was announced in the gap is unknown.
 */
export class NotificationListener {
  private client?: Client;
  private stopped = false;
  /** Set while `reconnect` moves the connection: its end is expected, not a loss. */
  private moving = false;
  private readonly logger: Logger;

  constructor(
    /** Read at each connect: the login changes when database credentials rotate. */
    private readonly url: () => string,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
  ) {
    this.logger = new Logger(`Listener:${channel}`);
  }

  start(): void {
    void this.connect(250);
  }

  /**
   * Reopens the connection with the current login. Ending the client is enough: its 'end'
   * handler connects again with `url()`, and the nudge after LISTEN covers the gap.
   */
  async reconnect(): Promise<void> {
    this.moving = true;
    await this.client?.end().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(delayMs: number): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url() });
    client.on('notification', (message) => this.onNotify(message.payload ?? ''));
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.client === client && !this.stopped) {
        const moved = this.moving;
        this.moving = false;
        if (!moved) this.logger.warn('LISTEN connection lost; polling until it is back');
        setTimeout(() => void this.connect(250), moved ? 0 : delayMs);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      this.client = client;
      // Whatever was announced while we were not listening is found by this nudge, not lost.
      this.onNotify('');
    } catch {
      await client.end().catch(() => undefined);
      setTimeout(() => void this.connect(Math.min(delayMs * 2, 5000)), delayMs);
    }
  }
}
