import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 .cpuprofile this summary reads. */
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const TOP = 25;

/**
 * The heaviest functions of a profile by self time, the areas (package, src/ folder, Node
 * internals, GC) they belong to, and the total time under each of our own functions.
 */
export function summariseProfile(file: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const busy = [...self.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName !== '(idle)')
    .reduce((sum, [, ms]) => sum + ms, 0);

  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (node === undefined || node.callFrame.functionName === '(idle)') {
      continue;
    }

    add(byFunction, frameName(node), ms);
    add(byArea, area(node), ms);
  }

  const ours = inclusiveOfOurs(profile, byId, self);
  return [
    `${path.basename(file)}: ${busy.toFixed(0)} ms busy`,
    'self time by function:',
    ...top(byFunction, busy, TOP),
    'self time by area:',
    ...top(byArea, busy, 15),
    'total time under our functions (src/):',
    ...top(ours, busy, TOP),
    '',
  ].join('\n');
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => add(self, id, (profile.timeDeltas[i + 1] ?? 0) / 1000));
  return self;
}

/** Time spent in each src/ function and everything it called, each frame counted once. */
function inclusiveOfOurs(
  profile: CpuProfile,
  byId: Map<number, ProfileNode>,
  self: Map<number, number>,
): Map<string, number> {
  const totals = new Map<string, number>();
  const subtree = (node: ProfileNode, open: Set<string>): number => {
    const name = frameName(node);
    const counts = area(node).startsWith('src/') && !open.has(name);
    if (counts) {
      open.add(name);
    }

    let sum = self.get(node.id) ?? 0;
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      sum += next === undefined ? 0 : subtree(next, open);
    }

    if (counts) {
      open.delete(name);
      add(totals, name, sum);
    }

    return sum;
  };
  const root = profile.nodes[0];
  if (root !== undefined) {
    subtree(root, new Set());
  }

  return totals;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
}

function area(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') {
    return functionName;
  }

  if (url.startsWith('node:')) {
    return 'node internals';
  }

  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg !== undefined) {
    return pkg;
  }

  const folder = /dist\/src\/([^/]+)\//.exec(url)?.[1];
  return folder === undefined ? shortUrl(url) : `src/${folder}`;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/');
}

function top(map: Map<string | number, number>, busy: number, count: number): string[] {
  return [...map.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([name, ms]) => {
      const share = busy > 0 ? (100 * ms) / busy : 0;
      return `  ${ms.toFixed(0).padStart(7)} ms ${share.toFixed(1).padStart(5)} %  ${name}`;
    });
}

function add<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

if (require.main === module) {
  process.argv.slice(2).forEach((file) => process.stdout.write(summariseProfile(file)));
}
