// Start the real samvirke binary in demo mode on a free port, with its own
// temporary SQLite database and data directory.
//
//   SAMVIRKE_BIN demo --listen 127.0.0.1:PORT --database-url sqlite://TMP/e2e.db
//   env SAMVIRKE_DATA_DIR=TMP/data SAMVIRKE_RATE_LIMIT=off
//
// SAMVIRKE_BIN defaults to ../target/debug/samvirke relative to e2e/.
// Set SAMVIRKE_E2E_KEEP=1 to keep the temporary directory (database, data,
// server.log) after the run.

import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STARTUP_TIMEOUT_MS = 60_000;

export function binaryPath() {
  return path.resolve(E2E_DIR, process.env.SAMVIRKE_BIN || '../target/debug/samvirke');
}

/** Ask the kernel for a free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function healthy(baseURL) {
  try {
    const res = await fetch(`${baseURL}/healthz`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(2_000),
    });
    await res.arrayBuffer().catch(() => {});
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Start the server. Returns { baseURL, port, tmpDir, logFile, readLog(), stop() }.
 * Throws (after printing the server log) if it does not answer
 * GET /healthz with 200 within 60 s, or exits before that.
 */
export async function startServer() {
  const bin = binaryPath();
  if (!existsSync(bin)) {
    throw new Error(
      `samvirke binary not found at ${bin}; build it with \`cargo build -p samvirke\` ` +
        'or set SAMVIRKE_BIN to its path',
    );
  }

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'samvirke-e2e-'));
  const dataDir = path.join(tmpDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const logFile = path.join(tmpDir, 'server.log');
  const log = createWriteStream(logFile);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  const args = [
    'demo',
    '--listen',
    `127.0.0.1:${port}`,
    '--database-url',
    `sqlite://${path.join(tmpDir, 'e2e.db')}`,
  ];
  const child = spawn(bin, args, {
    cwd: tmpDir,
    env: {
      ...process.env,
      SAMVIRKE_DATA_DIR: dataDir,
      SAMVIRKE_RATE_LIMIT: 'off',
      RUST_BACKTRACE: process.env.RUST_BACKTRACE || '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  // Never leave a server behind, even if the test process dies early.
  const killOnExit = () => {
    if (exited === null) child.kill('SIGKILL');
  };
  const killOnSignal = (signal) => {
    killOnExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);

  const readLog = async () => {
    await new Promise((r) => setImmediate(r));
    return readFile(logFile, 'utf8').catch(() => '');
  };

  let stopped = false;
  const stop = async ({ keep = Boolean(process.env.SAMVIRKE_E2E_KEEP) } = {}) => {
    if (stopped) return;
    stopped = true;
    if (exited === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exitPromise, sleep(10_000).then(() => null)]);
      if (done === null) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    process.off('exit', killOnExit);
    process.off('SIGINT', killOnSignal);
    process.off('SIGTERM', killOnSignal);
    await new Promise((r) => log.end(r));
    if (keep) {
      console.error(`[e2e] kept server files in ${tmpDir}`);
    } else {
      await rm(tmpDir, { recursive: true, force: true });
    }
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let ok = false;
  while (Date.now() < deadline && exited === null) {
    if (await healthy(baseURL)) {
      ok = true;
      break;
    }
    await sleep(250);
  }

  if (!ok) {
    const why =
      exited !== null
        ? exited.error
          ? `could not be started: ${exited.error.message}`
          : `exited early (code ${exited.code}, signal ${exited.signal})`
        : `did not answer GET /healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s`;
    const text = await readLog();
    console.error(
      `[e2e] samvirke server ${why}\n` +
        `[e2e] command: ${bin} ${args.join(' ')}\n` +
        `[e2e] ---- ${logFile} ----\n${text}\n[e2e] ---- end of server log ----`,
    );
    await stop({ keep: true });
    throw new Error(`samvirke server ${why}; log kept in ${logFile}`);
  }

  /**
   * Adds a staff member with the command line (`samvirke create-user`) on
   * this server's database, so a journey can start from a person it needs.
   */
  const createUser = ({ organisation, email, name, role = 'staff', password }) =>
    new Promise((resolve, reject) => {
      const cli = [
        'create-user',
        '--municipality',
        'dragoer',
        '--organisation',
        organisation,
        '--email',
        email,
        '--name',
        name,
        '--role',
        role,
        '--database-url',
        `sqlite://${path.join(tmpDir, 'e2e.db')}`,
      ];
      const env = { ...process.env, SAMVIRKE_NEW_PASSWORD: password, SAMVIRKE_LOG: 'warn' };
      execFile(bin, cli, { cwd: tmpDir, env }, (err, stdout, stderr) =>
        err ? reject(new Error(`samvirke ${cli.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
      );
    });

  return { baseURL, port, tmpDir, logFile, readLog, stop, createUser };
}
