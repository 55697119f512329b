import { Controller, Get, INestApplication, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { PlatformModule } from '../platform.module';
import { dropTestDatabase, freePort, sleep, TcpProxy, testAdminUrl, TEST_ADMIN_URL, uniqueName } from '../testing';
import { DatabaseModule } from './database.module';

@Entity({ schema: 'shop', name: 'widgets' })
class Widget {
  @PrimaryColumn() id!: number;
  @Column() name!: string;
}

/** A handler as services write them: the injected DataSource, a repository, one transaction. */
@Controller('widgets')
class WidgetsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id')
  find(@Param('id') id: string) {
    return this.dataSource.getRepository(Widget).findOneByOrFail({ id: Number(id) });
  }

  /** Writes a row, then holds the transaction open long enough to lose its connection. */
  @Post('slow')
  async slow() {
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(Widget, { id: 2, name: 'slow' });
      await tx.query('SELECT pg_sleep(3)');
    });
    return { saved: true };
  }
}

const PG_PORT = Number(new URL(TEST_ADMIN_URL).port || 5432);

async function admin<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testAdminUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startApp(url: string): Promise<INestApplication> {
  const module = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ serviceName: 'database-outage-test' }),
      DatabaseModule.forRoot({ url, adminUrl: url, schema: 'shop', migrateOnStart: false, applicationName: 'database-outage-test', entities: [Widget], migrations: [] }),
    ],
    controllers: [WidgetsController],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('a service whose database is not usable', () => {
  const database = uniqueName('platform_outage');
  let proxy: TcpProxy;
  let app: INestApplication;

  beforeAll(async () => {
    await admin('postgres', (client) => client.query(`CREATE DATABASE "${database}"`));
    await admin(database, async (client) => {
      await client.query('CREATE SCHEMA shop');
      await client.query('CREATE TABLE shop.widgets (id int PRIMARY KEY, name text NOT NULL)');
      await client.query("INSERT INTO shop.widgets VALUES (1, 'demo')");
    });
    // The service reaches Postgres through a proxy that starts cut: it comes up before its database.
    proxy = await TcpProxy.start(await freePort(), PG_PORT);
    await proxy.cut();
    app = await startApp(testAdminUrl(database, proxy.port));
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.cut();
    await dropTestDatabase(database);
  });

  it('answers 503 with Retry-After, not 500, to a request that arrives before it has connected', async () => {
    const response = await request(app.getHttpServer()).get('/widgets/1');
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toMatchObject({ code: 'DATABASE.UNAVAILABLE' });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });

  it('answers normally once the database is back', async () => {
    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await request(app.getHttpServer()).get('/widgets/1')).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
  });

  it('answers 503 with Retry-After when its connections are terminated mid-transaction, and keeps nothing', async () => {
    const pending = request(app.getHttpServer()).post('/widgets/slow');
    const answer = pending.then((response) => response);
    await sleep(800);
    await admin(database, (client) =>
      client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]),
    );
    const response = await answer;
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toEqual({ statusCode: 503, code: 'DATABASE.UNAVAILABLE', message: expect.any(String) });
    const kept = await admin(database, (client) => client.query('SELECT id FROM shop.widgets WHERE id = 2'));
    expect(kept.rows).toEqual([]);
  });

  it('answers 503 with Retry-After while Postgres cannot be reached at all, then recovers', async () => {
    await proxy.cut();
    const response = await request(app.getHttpServer()).get('/widgets/1');
    expect([response.status, response.body.code]).toEqual([503, 'DATABASE.UNAVAILABLE']);
    expect(response.headers['retry-after']).toBeDefined();
    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await request(app.getHttpServer()).get('/widgets/1')).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
  });

  it('survives its connections being terminated again and again under load: only 200s and 503s', async () => {
    const statuses: number[] = [];
    let terminating = true;
    const killer = admin(database, async (client) => {
      while (terminating) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
        await sleep(20);
      }
    });
    const asker = async () => {
      for (let i = 0; i < 80; i++) statuses.push((await request(app.getHttpServer()).get('/widgets/1')).status);
    };
    try {
      await Promise.all([asker(), asker(), asker(), asker()]);
    } finally {
      terminating = false;
      await killer;
    }
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses).toContain(503);
  });
});

