#!/usr/bin/env node
// The `poolfix` command of the npm package. poolfix is a native program: npm installs the one
// built for this machine as an optional dependency, @poolfix/<os>-<cpu> (the others do not
// match its `os`/`cpu`/`libc` and are skipped), and this launcher runs it with the same
// arguments, standard streams and exit code. That is how esbuild and Biome ship.
//
// POOLFIX_BINARY=/path/to/poolfix runs that binary instead (a build from source).
// Exit code 2 when no binary can be run, as poolfix itself for an error that stops a run.
'use strict';

const { spawnSync } = require('node:child_process');
const platforms = require('../platforms.json');

function fail(message) {
  process.stderr.write(`poolfix: ${message}\n`);
  process.exit(2);
}

// glibc's version on Linux, or undefined (musl, as on Alpine).
function glibcVersion() {
  const report = process.report && process.report.getReport();
  return report && report.header && report.header.glibcVersionRuntime;
}

function binaryPath() {
  if (process.env.POOLFIX_BINARY) return process.env.POOLFIX_BINARY;
  const key = `${process.platform}-${process.arch}`;
  const platform = platforms[key];
  const built = Object.keys(platforms).filter((name) => platforms[name].built).join(', ');
  if (!platform || !platform.built) {
    fail(`no prebuilt binary for ${key} yet (built: ${built}); build poolfix from source and set POOLFIX_BINARY to it`);
  }
  if (platform.libc === 'glibc' && !glibcVersion()) {
    fail(`the ${key} binary needs glibc, and this system has another C library (musl?); build from source and set POOLFIX_BINARY`);
  }
  try {
    return require.resolve(`${platform.package}/bin/${platform.binary || 'poolfix'}`);
  } catch {
    return fail(`${platform.package} is not installed: it is an optional dependency of poolfix, so install without --omit=optional (--no-optional)`);
  }
}

const binary = binaryPath();
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) fail(`could not run ${binary}: ${result.error.message}`);
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status === null ? 2 : result.status);
