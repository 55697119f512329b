#!/usr/bin/env node
// How much CPU the cluster uses at rest, read from /proc (Linux only): each process's user and
// system time, read every second through a window and divided by the window.
//
//   node scripts/idle-cpu.js [--seconds 60] [--database checkout_cluster] [--max-percent N] [--max-wakeups N]
//                            [--prometheus-pid PID] [--also NAME=PID ...]
//
// What it counts:
//   - every process of the pm2 daemon of PM2_HOME (npm start's, ~/.pm2, by default; none is
//     started if it is not running): the services, the stand-ins (psp-sandbox, vault-sandbox),
//     the chaos agent and the fault proxy, each replica apart, and the pm2 daemon itself;
//   - Postgres: the postmaster, its background processes (checkpointer, WAL writer, ...) and the
//     backends of the cluster's own database (--database): pg_stat_activity maps the backends
//     open at the start from pid to database, and a backend's process title names its database
//     for one that connects later. Backends of other databases on the same server (tests running
//     beside the cluster) are left out; the postmaster and the background processes serve every
//     database and are counted whole, an upper bound on a shared server;
//   - RabbitMQ (the beam.smp node), Redis and Prometheus (every `prometheus --config.file=…`, or
//     only --prometheus-pid): whole processes, an upper bound too when other clients share them.
//   - with --also NAME=PID (repeatable): that process too, under NAME (a cluster member started
//     outside pm2, as the e2e suite starts the Vault stand-in).
// A process born inside the window is counted from its start; one that ends loses at most its
// last second. psql (DATABASE_ADMIN_URL, postgres@127.0.0.1 by default) reads pg_stat_activity
// from the `postgres` database, so its own backend is never counted.
// Prints the CPU per process (a service's pool connections summed under its role) and
// `idle cpu (all processes): N % of one core`; with --max-percent it exits 1 above N.
// It also counts how often the cluster's own processes (pm2's and --also, not Postgres, RabbitMQ,
// Redis or Prometheus) were woken: every thread's context switches, from /proc/<pid>/task/*/status,
// printed as `wake-ups (cluster processes): N a second`. CPU time depends on how fast the machine
// is that day; the number of wake-ups does not, so a poll or a timer that comes back shows in it
// on any machine. With --max-wakeups N it exits 1 above N a second.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function options(argv) {
  const given = { seconds: 60, database: 'checkout_cluster', maxPercent: undefined, maxWakeups: undefined, prometheusPid: undefined, also: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seconds') given.seconds = Number(value);
    else if (flag === '--database') given.database = value;
    else if (flag === '--max-percent') given.maxPercent = Number(value);
    else if (flag === '--max-wakeups') given.maxWakeups = Number(value);
    else if (flag === '--prometheus-pid') given.prometheusPid = Number(value);
    else if (flag === '--also') given.also.push(namedPid(value));
    else throw new Error(`unknown option ${flag}`);
  }
  if (!Number.isInteger(given.seconds) || given.seconds < 1) throw new Error('--seconds: expected a whole number of seconds');
  if (!/^[a-z_][a-z0-9_]*$/.test(given.database ?? '')) throw new Error('--database: expected a database name');
  return given;
}

/** `NAME=PID` of --also. */
function namedPid(value = '') {
  const match = /^([\w.-]+)=(\d+)$/.exec(value);
  if (!match) throw new Error('--also: expected NAME=PID');
  return { name: match[1], pid: Number(match[2]) };
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

/** Context switches, voluntary and not, of every thread of a process: how often it was woken. */
function wakeups(pid) {
  let tasks;
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined; // gone
  }
  let total = 0;
  for (const task of tasks) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
      for (const match of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)) total += Number(match[1]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return total;
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

/** The postmaster: the postgres process whose parent is not a postgres. */
function findPostmaster(processes) {
  return processes.find((p) => /(^|\/)postgres\s+-D\s/.test(p.cmdline));
}

/**
 * A postmaster child's name, or undefined when it is a backend of another database. A backend's
 * title is `postgres: [cluster: ]user database host(port) state`; a background process has no
 * client address. Backends are matched by pg_stat_activity (`known`) or by that title, so one
 * that connects and leaves inside the window is still counted.
 */
function postgresChild(child, database, known) {
  const title = child.cmdline.replace(/^postgres:\s*(\S+:\s)?/, '');
  const backend = /^(\S+) (\S+) (\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\])/.exec(title);
  if (!backend) return `postgres: ${title}`;
  return known.has(child.pid) || backend[2] === database ? `postgres: backend ${backend[1]}` : undefined;
}

function infrastructure(prometheusPid) {
  const processes = allProcesses();
  const found = [];
  const postmaster = findPostmaster(processes);
  if (postmaster) found.push({ pid: postmaster.pid, name: 'postgres: postmaster' });
  const byCommand = (pattern, name) => processes.filter((p) => pattern.test(p.cmdline)).forEach((p) => found.push({ pid: p.pid, name }));
  byCommand(/beam\.smp .*-s rabbit boot/, 'rabbitmq');
  byCommand(/^redis-server|\/redis-server /, 'redis');
  if (prometheusPid) found.push({ pid: prometheusPid, name: 'prometheus' });
  else byCommand(/^(\S*\/)?prometheus\s.*--config\.file/, 'prometheus');
  return { found, postmaster: postmaster?.pid };
}

/** Every second: each watched process's latest reading, and the postmaster's new children. */
async function sample(seconds, { watched, own, postmaster, database, known }) {
  const first = new Map(); // pid -> cpu seconds at the start (0 for a process born inside the window)
  const last = new Map();
  const wokenFirst = new Map(); // pid -> context switches at its first reading, the cluster's own processes
  const wokenLast = new Map();
  const born = new Set();
  const names = new Map(watched.map(({ pid, name }) => [pid, name]));
  const read = (initial) => {
    if (postmaster) {
      for (const child of allProcesses().filter((p) => p.ppid === postmaster && !names.has(p.pid))) {
        // Just forked, its title not set yet: it is looked at again at the next reading.
        if (!child.cmdline.startsWith('postgres:')) continue;
        const name = postgresChild(child, database, known);
        if (name) names.set(child.pid, name);
      }
    }
    for (const [pid] of names) {
      const cpu = cpuSeconds(pid);
      if (cpu === undefined) continue;
      if (!first.has(pid)) {
        first.set(pid, initial ? cpu : 0);
        if (!initial) born.add(pid);
      }
      last.set(pid, cpu);
      const woken = own.has(pid) ? wakeups(pid) : undefined;
      if (woken === undefined) continue;
      if (!wokenFirst.has(pid)) wokenFirst.set(pid, woken);
      wokenLast.set(pid, woken);
    }
  };
  read(true);
  const started = process.hrtime.bigint();
  for (let i = 0; i < seconds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    read(false);
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = [...first].map(([pid, from]) => ({
    pid,
    name: names.get(pid),
    percent: ((last.get(pid) - from) / elapsed) * 100,
    wakeups: wokenFirst.has(pid) ? (wokenLast.get(pid) - wokenFirst.get(pid)) / elapsed : undefined,
  }));
  return { elapsed, rows, born: born.size };
}

/** Short-lived backends of one role, and the many pool connections of a service, add up under one line. */
function summed(rows) {
  const byName = new Map();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { name: row.name, percent: 0, processes: 0, wakeups: undefined };
    entry.percent += row.percent;
    if (row.wakeups !== undefined) entry.wakeups = (entry.wakeups ?? 0) + row.wakeups;
    entry.processes += 1;
    byName.set(row.name, entry);
  }
  return [...byName.values()].sort((a, b) => b.percent - a.percent);
}

async function main() {
  const { seconds, database, maxPercent, maxWakeups, prometheusPid, also } = options(process.argv.slice(2));
  const { found, postmaster } = infrastructure(prometheusPid);
  const own = [...pm2Processes(), ...also];
  const watched = [...own, ...found];
  const { elapsed, rows, born } = await sample(seconds, { watched, own: new Set(own.map(({ pid }) => pid)), postmaster, database, known: backendsOf(database) });
  console.log(`over ${elapsed.toFixed(1)} s, database ${database}:`);
  for (const row of summed(rows)) {
    const processes = row.processes > 1 ? ` (${row.processes} processes)` : '';
    const woken = row.wakeups === undefined ? '' : `, woken ${row.wakeups.toFixed(1)} times a second`;
    console.log(`  ${row.percent.toFixed(2).padStart(6)} %  ${row.name}${processes}${woken}`);
  }
  if (born > 0) console.log(`  (${born} process(es) started inside the window, counted from their start)`);
  const total = rows.reduce((sum, row) => sum + row.percent, 0);
  const woken = rows.reduce((sum, row) => sum + (row.wakeups ?? 0), 0);
  console.log(`idle cpu (all processes): ${total.toFixed(2)} % of one core`);
  console.log(`wake-ups (cluster processes): ${woken.toFixed(1)} a second`);
  let within = true;
  if (maxPercent !== undefined && total > maxPercent) {
    console.error(`idle cpu: ${total.toFixed(2)} % is above the bound of ${maxPercent} %`);
    within = false;
  }
  if (maxWakeups !== undefined && woken > maxWakeups) {
    console.error(`idle cpu: ${woken.toFixed(1)} wake-ups a second is above the bound of ${maxWakeups}`);
    within = false;
  }
  if (!within) process.exit(1);
}

main().catch((error) => {
  console.error(`idle-cpu: ${error.message}`);
  process.exit(2);
});
