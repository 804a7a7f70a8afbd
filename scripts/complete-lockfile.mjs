/**
 * Adds lockfile entries for platform-specific optional packages (other operating systems and
 * CPUs) that npm left out because the registry this machine uses does not serve those exact
 * versions. Without them `npm ci` refuses the lockfile as "out of sync". Each entry carries its
 * os/cpu, so npm skips it on machines it does not fit.
 * Run after every `npm install` that changes package-lock.json: node scripts/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS = [
  ['darwin', 'darwin'],
  ['win32', 'win32'],
  ['windows', 'win32'],
  ['linux', 'linux'],
  ['freebsd', 'freebsd'],
  ['android', 'android'],
  ['openharmony', 'openharmony'],
];
const CPUS = [
  ['arm64', 'arm64'],
  ['aarch64', 'arm64'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['arm-', 'arm'],
  ['wasm32', 'wasm32'],
];
const find = (table, name) => table.find(([key]) => name.includes(key))?.[1];

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
const added = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const top = `node_modules/${dep}`;
    if (packages[top] || packages[`${key}/node_modules/${dep}`]) continue;
    const short = dep.split('/').pop();
    const cpu = find(CPUS, short);
    const os = find(PLATFORMS, short);
    if (!cpu) continue;
    packages[top] = { version: range.replace(/^[\^~=]/, ''), cpu: [cpu], ...(os ? { os: [os] } : {}), optional: true, ...(entry.dev ? { dev: true } : {}) };
    added.push(top);
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `Toegevoegd: ${added.join(', ')}` : 'package-lock.json was al compleet.');
