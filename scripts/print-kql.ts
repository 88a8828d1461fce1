/*
 * Prints the "Sentinel decides" analytics rules generated from oncall.yaml, or writes them as
 * the parameters file of deploymentTemplates/sentinel-rules.json.
 * Run with `npm run kql`, or `npm run kql -- --config <oncall.yaml> --out <parameters.json>`.
 */
import { writeFileSync } from 'node:fs';

import { ConfigError, loadConfig } from '../src/config/load-config';
import { KqlGenerationError } from '../src/sentinel-rules/generation-error';
import { rulesParametersFile } from '../src/sentinel-rules/rules-parameters';
import {
  buildSentinelRules,
  type SentinelRule,
  type SentinelRules,
} from '../src/sentinel-rules/sentinel-rule';

/** What the command line asked for. */
export interface KqlOptions {
  readonly config: string | undefined;
  readonly out: string | undefined;
}

/** Reads `--config <path>` and `--out <path>`; throws a message for people on anything else. */
export function parseKqlArgs(args: readonly string[]): KqlOptions {
  const values: Record<string, string | undefined> = { '--config': undefined, '--out': undefined };
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (!(flag in values) || value === undefined || value.startsWith('--')) {
      throw new Error(`usage: npm run kql -- [--config <oncall.yaml>] [--out <parameters.json>]`);
    }

    values[flag] = value;
  }

  return { config: values['--config'], out: values['--out'] };
}

/** The rules as people read them: each query under a comment with its name and schedule. */
export function describeRules(rules: SentinelRules): string {
  return [rules.escalation, rules.storm]
    .map((rule) => (rule.deploy ? describeRule(rule) : `// ${rule.displayName}: not deployed\n`))
    .join('\n');
}

function describeRule(rule: SentinelRule): string {
  const schedule = `every ${rule.queryFrequency}, reading ${rule.queryPeriod}`;
  return `// Rule ${rule.id}: ${rule.displayName} (${schedule})\n${rule.query}\n`;
}

function main(args: readonly string[]): void {
  const options = parseKqlArgs(args);
  // eslint-disable-next-line no-restricted-properties -- a build step, not the running bot
  const configPath = options.config ?? process.env.ONCALL_CONFIG;
  const config = loadConfig({ ONCALL_CONFIG: configPath }, process.cwd());
  if (config.usingExampleConfig) {
    process.stderr.write(`oncall.yaml not found: using ${config.configPath}\n`);
  }

  const rules = buildSentinelRules(config.policy);
  if (options.out === undefined) {
    process.stdout.write(describeRules(rules));
    return;
  }

  writeFileSync(options.out, `${JSON.stringify(rulesParametersFile(rules), null, 2)}\n`);
  process.stderr.write(`wrote ${options.out} from ${config.configPath}\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    const known = err instanceof ConfigError || err instanceof KqlGenerationError;
    const text = err instanceof Error ? (known ? err.message : err.stack) : String(err);
    process.stderr.write(`${text}\n`);
    process.exitCode = known ? 2 : 1;
  }
}
