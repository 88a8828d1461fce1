import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

import type { Footprint } from './footprint';
import type { IntakeFigures } from './intake';
import type { StormFigures } from './storm';
import type { CallLatency } from './webhook-to-call';

/** bench/results.json: figures in ms, MB (MiB) or requests per second. */
export interface BenchResults {
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string };
  readonly intake: IntakeFigures;
  readonly webhookToCall: CallLatency;
  readonly storm: StormFigures;
  readonly startup: Footprint;
}

/** The machine the figures come from. */
export function machine(): BenchResults['machine'] {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, node: process.version };
}

/** A progress line on stderr, so that stdout carries only the table. */
export function progress(line: string): void {
  const seconds = (performance.now() / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${seconds} s] ${line}\n`);
}

/** Rounds every figure to what a measurement of this kind can tell. */
export function rounded(results: BenchResults): BenchResults {
  const { intake, webhookToCall, storm, startup } = results;
  const path = (p: IntakeFigures['ignore']) => ({
    rps: Math.round(p.rps),
    p50: round(p.p50, 1),
    p99: round(p.p99, 1),
    ratio: round(p.ratio, 2),
  });
  return {
    machine: results.machine,
    intake: {
      bare: { rps: Math.round(intake.bare.rps) },
      ignore: path(intake.ignore),
      hold: path(intake.hold),
      lost: intake.lost,
    },
    webhookToCall,
    storm: { ...storm, seconds: round(storm.seconds, 2), peakRssMB: round(storm.peakRssMB, 1) },
    startup: { ms: Math.round(startup.ms), idleRssMB: round(startup.idleRssMB, 1) },
  };
}

export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** The table on stdout: each figure, its target, and whether the target is met. */
export function table(r: BenchResults, tickMs: number): string {
  const { intake, webhookToCall: call, storm, startup } = r;
  const path = (p: IntakeFigures['ignore']) =>
    `${p.rps} req/s, p50 ${p.p50} ms, p99 ${p.p99} ms, ratio ${p.ratio}`;
  const rows: [string, string, string, boolean | null][] = [
    ['intake, bare restify', `${intake.bare.rps} req/s`, '', null],
    ['intake, ignore path', path(intake.ignore), 'ratio >= 0.5', intake.ignore.ratio >= 0.5],
    ['intake, hold path', path(intake.hold), 'ratio >= 0.5', intake.hold.ratio >= 0.5],
    ['intake, 202s lost', `${intake.lost}`, '0', intake.lost === 0],
    [
      `webhook to call, tick ${tickMs} ms`,
      `p50 ${call.p50} ms, p99 ${call.p99} ms, max ${call.max} ms`,
      'p99 <= 50 ms',
      call.p99 <= 50,
    ],
    ['storm, time to accept', `${storm.seconds} s`, '', null],
    ['storm, pages', `${storm.pages}`, '1', storm.pages === 1],
    ['storm, stored', `${storm.stored}`, '10000', storm.stored === 10_000],
    ['storm, peak RSS', `${storm.peakRssMB} MB`, '<= 250 MB', storm.peakRssMB <= 250],
    ['start-up to /healthz 200', `${startup.ms} ms`, '<= 1500 ms', startup.ms <= 1500],
    ['idle RSS', `${startup.idleRssMB} MB`, '', null],
  ];
  const header: [string, string, string, string] = ['figure', 'measured', 'target', ''];
  const cells = [header, ...rows.map(([a, b, c, ok]) => [a, b, c, verdict(ok)])];
  const widths = [0, 1, 2].map((col) => Math.max(...cells.map((row) => row[col]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd();
  const { cpu, cores, node } = r.machine;
  return [`${cpu}, ${cores} cores, Node ${node}`, '', ...cells.map(line)].join('\n');
}

function verdict(ok: boolean | null): string {
  return ok === null ? '' : ok ? 'met' : 'MISSED';
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
