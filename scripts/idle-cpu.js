#!/usr/bin/env node
// How much CPU the cluster uses at rest, read from /proc (Linux only): every process's user and
// system time at the start and at the end of a window, divided by the window.
//
//   node scripts/idle-cpu.js [--seconds 60] [--database checkout_cluster] [--max-percent N]
//
// What it counts:
//   - every process of the pm2 daemon named by PM2_HOME (npm start's by default): the services,
//     the stand-ins (psp-sandbox, vault-sandbox), the chaos agent and the fault proxy, each
//     replica apart, plus the pm2 daemon itself;
//   - Postgres: the postmaster, its background processes (checkpointer, WAL writer, autovacuum
//     launcher, ...) and the backends connected to the cluster's own database (--database),
//     which pg_stat_activity maps from pid to database. Backends of other databases on the same
//     server are left out, so tests running beside the cluster do not count; the postmaster and
//     background processes serve every database and are counted whole (an upper bound);
//   - RabbitMQ (the beam.smp node), Redis and Prometheus: whole processes, an upper bound too
//     when other clients share them.
// A process that starts or ends inside the window is listed but not counted (its times cannot be
// split); the output says how many.
// Prints a per-process breakdown and `idle cpu (all processes): N % of one core`; with
// --max-percent it exits 1 when the total is above N.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function options(argv) {
  const given = { seconds: 60, database: 'checkout_cluster', maxPercent: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seconds') given.seconds = Number(value);
    else if (flag === '--database') given.database = value;
    else if (flag === '--max-percent') given.maxPercent = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  if (!(given.seconds > 0)) throw new Error('--seconds: expected a positive number');
  if (!/^[a-z_][a-z0-9_]*$/.test(given.database ?? '')) throw new Error('--database: expected a database name');
  return given;
}

/** user + system time of a process, in seconds, or undefined once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function allProcesses() {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return { pid: Number(pid), ppid, cmdline };
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

function pm2Processes() {
  const home = process.env.PM2_HOME ?? path.join(process.env.HOME ?? '', '.pm2');
  // Asking a pm2 that is not running would start its daemon: no daemon, no cluster to count.
  const daemon = Number(fs.existsSync(path.join(home, 'pm2.pid')) && fs.readFileSync(path.join(home, 'pm2.pid'), 'utf8').trim());
  if (!(daemon > 0) || cpuSeconds(daemon) === undefined) return [];
  const pm2 = path.join(root, 'node_modules/pm2/bin/pm2');
  const output = execFileSync(process.execPath, [pm2, 'jlist'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const listing = output.split('\n').reverse().find((line) => line.startsWith('[')) ?? '[]';
  const apps = JSON.parse(listing)
    .filter((app) => app.pid > 0)
    .map((app) => ({ pid: app.pid, name: `${app.name}${app.pm2_env.instances > 1 ? `#${app.pm2_env.NODE_APP_INSTANCE}` : ''}` }));
  return [...apps, { pid: daemon, name: 'pm2 daemon' }];
}

/** pg_stat_activity: the pids of the backends of `database` (psql, as the admin login). */
function backendsOf(database) {
  const url = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const sql = `SELECT pid FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`;
  const output = execFileSync('psql', [url, '-XAtc', sql], { encoding: 'utf8' });
  return new Set(output.split('\n').filter(Boolean).map(Number));
}

function infrastructure(database) {
  const processes = allProcesses();
  const postmaster = processes.find((p) => /(^|\/)postgres\s.*-D\s|^\/usr\/lib\/postgresql\/.*\/bin\/postgres/.test(p.cmdline));
  const backends = backendsOf(database);
  const found = [];
  if (postmaster) {
    found.push({ pid: postmaster.pid, name: 'postgres: postmaster' });
    for (const child of processes.filter((p) => p.ppid === postmaster.pid)) {
      const role = child.cmdline.replace(/^postgres:\s*(\S+:\s*)?/, '');
      if (backends.has(child.pid)) found.push({ pid: child.pid, name: `postgres: backend ${role.split(' ').slice(0, 2).join(' ')}` });
      // A background process has no client address; a backend of another database does.
      else if (!/\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(child.cmdline)) found.push({ pid: child.pid, name: `postgres: ${role}` });
    }
  }
  const byCommand = (pattern, name) => processes.filter((p) => pattern.test(p.cmdline)).forEach((p) => found.push({ pid: p.pid, name }));
  byCommand(/beam\.smp .*-s rabbit boot/, 'rabbitmq');
  byCommand(/^redis-server|\/redis-server /, 'redis');
  byCommand(/^(\S*\/)?prometheus\s.*--config\.file/, 'prometheus');
  return found;
}

async function main() {
  const { seconds, database, maxPercent } = options(process.argv.slice(2));
  const watched = [...pm2Processes(), ...infrastructure(database)];
  const before = new Map(watched.map(({ pid }) => [pid, cpuSeconds(pid)]));
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const lost = [];
  const rows = [];
  for (const { pid, name } of watched) {
    const [from, to] = [before.get(pid), cpuSeconds(pid)];
    if (from === undefined || to === undefined) lost.push(`${name} (${pid})`);
    else rows.push({ name, pid, percent: ((to - from) / elapsed) * 100 });
  }
  // Backends that connected inside the window are named, not counted.
  const late = [...backendsOf(database)].filter((pid) => !before.has(pid));
  rows.sort((a, b) => b.percent - a.percent);
  console.log(`over ${elapsed.toFixed(1)} s, database ${database}:`);
  for (const row of rows) console.log(`  ${row.percent.toFixed(2).padStart(6)} %  ${row.name} (${row.pid})`);
  if (lost.length) console.log(`  not counted, ended inside the window: ${lost.join(', ')}`);
  if (late.length) console.log(`  not counted, connected inside the window: ${late.length} backend(s)`);
  const total = rows.reduce((sum, row) => sum + row.percent, 0);
  console.log(`idle cpu (all processes): ${total.toFixed(2)} % of one core`);
  if (maxPercent !== undefined && total > maxPercent) {
    console.error(`idle cpu: ${total.toFixed(2)} % is above the bound of ${maxPercent} %`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`idle-cpu: ${error.message}`);
  process.exit(2);
});
