import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Holds a dedicated connection LISTENing on the outbox channel and calls `onNotify` for each
 * notification. Reconnects by itself; while it is down the relay's poll still finds the rows.
 */
export class OutboxListener {
  private client?: Client;
  private stopped = false;
  /** Set while `reconnect` moves the connection: its end is expected, not a loss. */
  private moving = false;
  private readonly logger = new Logger('OutboxListener');

  constructor(
    /** Read at each connect: the login changes when database credentials rotate. */
    private readonly url: () => string,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

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
    client.on('notification', () => this.onNotify());
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
      // Rows committed while we were not listening are found by this nudge, not lost.
      this.onNotify();
    } catch {
      await client.end().catch(() => undefined);
      setTimeout(() => void this.connect(Math.min(delayMs * 2, 5000)), delayMs);
    }
  }
}
