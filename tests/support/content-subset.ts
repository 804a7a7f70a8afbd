/**
 * A copy of content/ with only a few municipalities, for tests that build an edited copy: about
 * 16 of the site's 6,300 pages are per municipality (5,500 in all), so a build of 342 takes
 * several times longer than one of a handful, for the same checks of what an edit does.
 * Everything else (signals, organisations, regions, areas, plans, translations) is copied whole.
 * Plans and internal routes keep the kept municipalities in their lists; a route drawn for one
 * municipality keeps that municipality. Nothing in the site's code or checks changes: the build of
 * the copy runs the same content check before it starts (src/integrations/content-check.mjs), so
 * a copy that lost something another file needs fails that build, which its test asserts.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ids under `gemeenten:` in a plan (MDX front matter) or internal route (YAML). */
function listedGemeenten(text: string): string[] {
  const block = /^gemeenten:\n((?:[ \t]+- .*\n)+)/m.exec(text);
  return block ? [...block[1].matchAll(/- (\S+)/g)].map((m) => m[1]) : [];
}

/** Copies content/ (or `from`) to `to` with the municipalities in `keep` only; returns the ids kept. */
export function copyContentSubset(to: string, keep: readonly string[], from = 'content'): string[] {
  cpSync(from, to, { recursive: true });
  const folder = join(to, 'gemeenten');
  const all = readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length));
  const unknown = keep.filter((id) => !all.includes(id));
  if (unknown.length > 0) throw new Error(`Onbekende gemeenten: ${unknown.join(', ')}.`);
  const kept = new Set(keep);
  // A route drawn for one municipality (scope.kind: gemeente) cannot exist without it.
  for (const file of readdirSync(join(to, 'meldroutes'))) {
    const scoped = /^ {2}kind: gemeente\n {2}gemeente: (\S+)/m.exec(readFileSync(join(to, 'meldroutes', file), 'utf8'));
    if (scoped) kept.add(scoped[1]);
  }
  for (const id of all) if (!kept.has(id)) rmSync(join(folder, `${id}.yaml`));
  for (const dir of ['beleid', 'interne-routes']) {
    for (const file of readdirSync(join(to, dir))) {
      const path = join(to, dir, file);
      const text = readFileSync(path, 'utf8');
      const listed = listedGemeenten(text);
      if (listed.length === 0) continue;
      // A plan or route for none of the kept municipalities would have to go too, and with it
      // whatever names it; keeping one of its municipalities is simpler and keeps its page.
      if (!listed.some((id) => kept.has(id)))
        throw new Error(`${dir}/${file} geldt voor geen van de gekozen gemeenten; kies er een uit: ${listed.join(', ')}.`);
      const dropped = new Set(listed.filter((id) => !kept.has(id)));
      writeFileSync(
        path,
        text.replace(/^gemeenten:\n((?:[ \t]+- .*\n)+)/m, (block) =>
          block
            .split('\n')
            .filter((line) => !dropped.has(/^[ \t]+- (\S+)/.exec(line)?.[1] ?? ''))
            .join('\n'),
        ),
      );
    }
  }
  return [...kept].sort();
}
