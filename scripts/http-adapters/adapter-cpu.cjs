#!/usr/bin/env node
// CPU per request of Nest on Express and on Fastify, for the orchestrator's hot endpoints:
// a checkout start refused before its body is read (the load-shedding path), a start accepted
// (JSON body parsed, validated, answered 202) and a checkout read (GET by id). No database: the
// framework's own cost, which is what choosing an adapter changes.
//
// Each adapter runs in a child process of its own; this process sends the requests (keep-alive,
// 32 in flight) and reads the child's utime + stime from /proc/<pid>/stat before and after.
// The adapters take turns, round after round, so both see the same machine in the same minutes;
// the median round is printed. The machine may be busy: compare the two columns, not the numbers
// with another day's.
//
//   node scripts/http-adapters/adapter-cpu.cjs [--modules DIR] [--requests N] [--rounds R]
//
// --modules: a node_modules holding @nestjs/core, common, platform-express and
// platform-fastify of the same version (the repository does not depend on platform-fastify),
// e.g. `npm install --prefix /tmp/adapters @nestjs/core@11.2.10 @nestjs/common@11.2.10
// @nestjs/platform-express@11.2.10 @nestjs/platform-fastify@11 rxjs reflect-metadata`.
'use strict';
const { fork } = require('node:child_process');
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((pair) => pair.trim().split(/\s+/)));
const MODULES = path.resolve(args.modules ?? path.join(__dirname, '../../node_modules'));
const REQUESTS = Number(args.requests ?? 4000);
const ROUNDS = Number(args.rounds ?? 5);
const IN_FLIGHT = 32;
const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux
const ORDER = JSON.stringify({ items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' });

if (process.argv[2] === 'serve') serve(process.argv[3]);
else void main();

// ---- the child: one Nest app on one adapter ----------------------------------------------

function serve(adapterName) {
  const load = createRequire(path.join(MODULES, 'x.js'));
  load('reflect-metadata');
  const { NestFactory } = load('@nestjs/core');
  const { Body, Controller, Get, HttpCode, Module, Param, Post } = load('@nestjs/common');

  class CheckoutsController {
    start(body) {
      const valid = body && Array.isArray(body.items) && body.items.every((item) => typeof item.sku === 'string' && Number.isInteger(item.qty));
      if (!valid || typeof body.paymentMethod !== 'string') throw new Error('invalid');
      return { checkoutId: '0b5d0e43-1f5e-4a43-9f8e-3c1f1a0a0c11', state: 'Initiated' };
    }
    get(id) {
      return { checkoutId: id, state: 'Completed', history: [{ event: 'CheckoutRequested' }, { event: 'StockReserved' }] };
    }
  }
  const proto = CheckoutsController.prototype;
  Body()(proto, 'start', 0);
  Post()(proto, 'start', Object.getOwnPropertyDescriptor(proto, 'start'));
  HttpCode(202)(proto, 'start', Object.getOwnPropertyDescriptor(proto, 'start'));
  Param('id')(proto, 'get', 0);
  Get(':id')(proto, 'get', Object.getOwnPropertyDescriptor(proto, 'get'));
  Controller('api/checkouts')(CheckoutsController);
  class AppModule {}
  Module({ controllers: [CheckoutsController] })(AppModule);

  // The early refusal, as the orchestrator installs it: before the body is read.
  const refused = JSON.stringify({ statusCode: 503, code: 'CHECKOUT.OVERLOADED', message: 'The checkout service is at capacity' });
  const shouldRefuse = (method, url) => method === 'POST' && url === '/api/checkouts?shed=1';

  void (async () => {
    let app;
    if (adapterName === 'fastify') {
      const { FastifyAdapter } = load('@nestjs/platform-fastify');
      app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
      // onRequest runs before Fastify reads and parses the body.
      app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
        if (!shouldRefuse(request.method, request.url)) return done();
        reply.code(503).header('retry-after', '1').header('content-type', 'application/json; charset=utf-8').send(refused);
      });
    } else {
      app = await NestFactory.create(AppModule, { logger: false });
      app.use((request, response, next) => {
        if (!shouldRefuse(request.method, request.url)) return next();
        response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
        response.end(refused);
      });
    }
    await app.listen(0, '127.0.0.1');
    process.send({ port: app.getHttpServer().address().port });
  })();
}

// ---- the parent: load, /proc, rounds -----------------------------------------------------

const ENDPOINTS = {
  'POST /api/checkouts, refused before reading': { method: 'POST', path: '/api/checkouts?shed=1', body: ORDER, status: 503 },
  'POST /api/checkouts, accepted': { method: 'POST', path: '/api/checkouts', body: ORDER, status: 202 },
  'GET /api/checkouts/:id': { method: 'GET', path: '/api/checkouts/0b5d0e43-1f5e-4a43-9f8e-3c1f1a0a0c11', status: 200 },
};

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14, 15)
}

async function start(adapterName) {
  const child = fork(__filename, ['serve', adapterName, '--modules', MODULES], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${adapterName} exited with ${code}`)));
  });
  return { child, port };
}

function send(agent, port, endpoint) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, agent, method: endpoint.method, path: endpoint.path, headers: endpoint.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(endpoint.body) } : {} }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === endpoint.status ? resolve() : reject(new Error(`${endpoint.path}: ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end(endpoint.body);
  });
}

async function load(port, endpoint, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next++ < count) await send(agent, port, endpoint);
  }));
  agent.destroy();
}

/** µs of the server's CPU per request over `REQUESTS` requests. */
async function measure({ child, port }, endpoint) {
  await load(port, endpoint, 500); // warm up: JIT, sockets
  const before = cpuSeconds(child.pid);
  await load(port, endpoint, REQUESTS);
  return ((cpuSeconds(child.pid) - before) / REQUESTS) * 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const servers = { express: await start('express'), fastify: await start('fastify') };
  const samples = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
        for (const adapter of round % 2 ? ['fastify', 'express'] : ['express', 'fastify']) {
          ((samples[name] ??= { express: [], fastify: [] })[adapter]).push(await measure(servers[adapter], endpoint));
        }
      }
    }
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
  console.log(`server CPU per request (utime+stime from /proc), median of ${ROUNDS} rounds of ${REQUESTS} requests, ${IN_FLIGHT} in flight`);
  console.log(`${'endpoint'.padEnd(45)} ${'express µs'.padStart(11)} ${'fastify µs'.padStart(11)} ${'ratio'.padStart(6)}`);
  for (const [name, { express, fastify }] of Object.entries(samples)) {
    const [e, f] = [median(express), median(fastify)];
    console.log(`${name.padEnd(45)} ${e.toFixed(0).padStart(11)} ${f.toFixed(0).padStart(11)} ${(f / e).toFixed(2).padStart(6)}`);
  }
}
