/**
 * Where builds go and how one becomes the site, so that a failed or interrupted build never
 * takes the site down (issue 24). The site is a link, `dist` → `.builds/dist-<time>`:
 * - every build writes into a new folder next to the others;
 * - only a build that completed, with the files a server needs, is linked, by renaming a new link
 *   over the old one (rename is atomic: a reader sees the old build or the new, never neither);
 * - the linked build and the two before it stay (a running server may still finish requests
 *   from the previous one); older builds, failed and interrupted ones go at the next build
 *   (never one whose build process still runs).
 * The Node server follows the link (src/server/site-build.mjs).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** Builds kept besides the linked one. */
const KEEP_PREVIOUS = 2;

/** The folder with the builds behind a link: `dist` → `.builds`, `.tmp/x/dist` → `.tmp/x/.builds`. */
export const buildsDirOf = (link) => join(dirname(resolve(link)), '.builds');

/** A new, empty folder name for a build behind `link`; sorts by time. */
export function newBuildDir(link) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');
  return join(buildsDirOf(link), `${basename(link)}-${stamp}-${process.pid}`);
}

/** What a server needs of a build; a folder without it is never linked. */
export function missingParts(dir) {
  return ['server/entry.mjs', 'client/index.html', 'static-files.json', '_headers.json'].filter((part) => !existsSync(join(dir, part)));
}

/** The build the link points at now (a real path), or undefined. */
export function linkedBuild(link) {
  try {
    const stat = lstatSync(link);
    if (!stat.isSymbolicLink()) return undefined;
    return resolve(dirname(resolve(link)), readlinkSync(link));
  } catch {
    return undefined;
  }
}

/**
 * Points `link` at `dir` in one rename. A plain folder left at `link` by an older version moves
 * into the builds folder first (a server started on that plain folder must be restarted once).
 */
export function activate(link, dir) {
  const missing = missingParts(dir);
  if (missing.length) throw new Error(`De build in ${dir} is niet compleet (${missing.join(', ')} ontbreekt); de site blijft op de vorige build.`);
  const absoluteLink = resolve(link);
  if (existsSync(absoluteLink) && !lstatSync(absoluteLink).isSymbolicLink()) {
    mkdirSync(buildsDirOf(link), { recursive: true });
    // Named to sort before every dated build: it is the oldest, kept as one of the previous builds.
    renameSync(absoluteLink, join(buildsDirOf(link), `${basename(link)}-00000000-000000Z-oud`));
  }
  const temporary = `${absoluteLink}.nieuw-${process.pid}`;
  rmSync(temporary, { force: true });
  symlinkSync(relative(dirname(absoluteLink), dir), temporary);
  renameSync(temporary, absoluteLink);
}

/** A build whose process (its PID is in the name) still runs: another `npm run build` at work. */
function stillBuilding(build) {
  const pid = Number(/-(\d+)$/.exec(build)?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes builds behind `link` beyond the linked one and the KEEP_PREVIOUS before it, and unfinished ones. */
export function prune(link, except = []) {
  const dir = buildsDirOf(link);
  if (!existsSync(dir)) return;
  const linked = linkedBuild(link);
  const prefix = `${basename(link)}-`;
  const builds = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && !name.endsWith('.log'))
    .map((name) => join(dir, name))
    .sort()
    .reverse();
  const linkedAt = builds.indexOf(linked ?? '');
  const kept = new Set([
    linked,
    ...except,
    ...(linkedAt >= 0
      ? builds
          .slice(linkedAt + 1)
          .filter((b) => missingParts(b).length === 0)
          .slice(0, KEEP_PREVIOUS)
      : []),
  ]);
  for (const build of builds) {
    if (kept.has(build) || stillBuilding(build)) continue;
    rmSync(build, { recursive: true, force: true });
    rmSync(`${build}.log`, { force: true });
  }
}
