import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';

import { ConfigError, loadConfig } from '../../../src/config/load-config';
import { repoRoot } from '../fixtures';

const API_KEY = 'infobip-key-7d1f0c2e9b';
const WEBHOOK_TOKEN = 'webhook-token-4a8e66f1c3';
const CLIENT_SECRET = 'client-secret-0e5b9a';

const VALID_YAML = `
timezone: Europe/London
businessHours:
  days: [Mon, Tue, Wed, Thu, Fri]
  start: "09:00"
  end: "18:00"
holidays: [2026-12-25]
escalate:
  severities: [High]
  titles: ["Serious alert 1"]
people:
  - { id: alex, name: Alex Analyst, phone: "+44 20 7946 0001" }
  - { id: sam, name: Sam Lee, phone: "+44 20 7946 0002" }
onCall: { primary: alex, secondary: sam }
infobip:
  callerId: "+44 20 7946 0000"
  smsSender: SOC
`;

const BROKEN_YAML = `
timezone: Europe/Londn
colour: blue
businessHours:
  days: [Mon, Tue, Wed, Thu, Fri]
  start: "09:00"
  strat: "09:00"
  end: "25:00"
escalate:
  severities: [High]
people:
  - { id: alex, name: Alex Analyst, phone: "+44 1632 960001" }
  - { id: sam, name: Sam Lee, phone: "020 7946 0001" }
  - { id: alex, name: Alex Again, phone: "+44 20 7946 0003" }
onCall: { primary: nobody }
infobip:
  callerId: "+44 20 7946 0000"
  smsSender: SOC
`;

function catchConfigError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }

  assert.fail('the config loaded');
}

function problemAt(err: ConfigError, where: string): string {
  const found = err.problems.find((p) => p.startsWith(where));
  assert.ok(found, `no problem at ${where} in:\n${err.problems.join('\n')}`);
  return found;
}

describe('loadConfig', () => {
  const root = repoRoot();
  const examplePath = path.join(root, 'oncall.example.yaml');
  let dir: string;

  function writeYaml(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text, 'utf8');
    return file;
  }

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'oncall-config-test-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the example config', () => {
    it('loads when ONCALL_CONFIG names it', () => {
      const config = loadConfig({ ONCALL_CONFIG: examplePath }, root);
      assert.equal(config.configPath, examplePath);
      assert.equal(config.usingExampleConfig, false);
      assert.equal(config.production, false);
      assert.equal(config.port, 3978);
      assert.equal(config.policy.timezone, 'Europe/London');
      assert.deepEqual([...config.policy.businessHours.days], [1, 2, 3, 4, 5]);
      assert.equal(config.policy.businessHours.start, 9 * 60);
      assert.equal(config.policy.businessHours.end, 18 * 60);
      assert.deepEqual([...config.policy.holidays], ['2026-12-25', '2026-12-28']);
      assert.deepEqual([...config.policy.severities], ['High']);
      assert.deepEqual(
        config.policy.titles.map((t) => t.source),
        ['Serious alert 1', '/^ransomware/i'],
      );
      assert.equal(config.policy.preEscalatedPrefix, '[ON-CALL]');
      assert.deepEqual(config.roster.onCall, {
        primary: 'alex',
        secondary: 'sam',
        manager: 'morgan',
      });
      assert.equal(config.roster.people[0]?.phone, '+442079460001');
      assert.equal(config.roster.people[2]?.teamsUserId, null);
      assert.equal(config.sender.callerId, '+442079460000');
      assert.equal(config.sender.smsSender, '442079460000');
      assert.equal(config.sender.language, 'en');
    });

    it('is used when ONCALL_CONFIG is unset and there is no ./oncall.yaml', function () {
      if (existsSync(path.join(root, 'oncall.yaml'))) {
        this.skip();
      }

      const config = loadConfig({}, root);
      assert.equal(config.usingExampleConfig, true);
      assert.equal(config.configPath, examplePath);
      assert.equal(config.policy.timezone, 'Europe/London');
    });

    it('gives way to ./oncall.yaml in the working folder', () => {
      const cwd = mkdtempSync(path.join(dir, 'cwd-'));
      writeFileSync(path.join(cwd, 'oncall.yaml'), VALID_YAML, 'utf8');
      const config = loadConfig({}, cwd);
      assert.equal(config.usingExampleConfig, false);
      assert.equal(config.configPath, path.join(cwd, 'oncall.yaml'));
    });
  });

  describe('a valid file', () => {
    it('fills in the defaults', () => {
      const config = loadConfig({ ONCALL_CONFIG: writeYaml('valid.yaml', VALID_YAML) }, root);
      assert.equal(config.policy.preEscalatedPrefix, '[ON-CALL]');
      assert.equal(config.roster.onCall.manager, null);
      assert.equal(config.sender.smsSender, 'SOC');
      assert.equal(config.sender.language, 'en');
      assert.equal(config.logLevel, 'info');
    });

    it('resolves a relative ONCALL_CONFIG against the working folder', () => {
      writeYaml('relative.yaml', VALID_YAML);
      const config = loadConfig({ ONCALL_CONFIG: 'relative.yaml' }, dir);
      assert.equal(config.configPath, path.join(dir, 'relative.yaml'));
    });
  });

  describe('problems', () => {
    it('lists every problem of the file by path in one ConfigError', () => {
      const file = writeYaml('broken.yaml', BROKEN_YAML);
      const err = catchConfigError(() => loadConfig({ ONCALL_CONFIG: file }, root));

      assert.match(problemAt(err, 'colour: '), /unknown key/);
      assert.match(problemAt(err, 'businessHours.strat: '), /unknown key/);
      assert.match(problemAt(err, 'timezone: '), /time zone/);
      assert.match(problemAt(err, 'businessHours.end: '), /24-hour time/);
      assert.match(problemAt(err, 'onCall.primary: '), /unknown person id "nobody"/);
      assert.match(problemAt(err, 'people.0.phone: '), /\+44\*+01 is not a valid phone number/);
      assert.match(problemAt(err, 'people.1.phone: '), /international number/);
      assert.match(problemAt(err, 'people.2.id: '), /duplicate id "alex"/);
      assert.equal(err.problems.length, 8, err.problems.join('\n'));
      for (const problem of err.problems) {
        assert.ok(err.message.includes(problem));
      }
    });

    it('names the file when it cannot be read', () => {
      const missing = path.join(dir, 'missing.yaml');
      const err = catchConfigError(() => loadConfig({ ONCALL_CONFIG: missing }, root));
      assert.deepEqual(err.problems, [`ONCALL_CONFIG: cannot read ${missing}: ENOENT`]);
    });

    it('names the line of a YAML syntax error', () => {
      const file = writeYaml('syntax.yaml', 'timezone: Europe/London\npeople: [\n');
      const err = catchConfigError(() => loadConfig({ ONCALL_CONFIG: file }, root));
      assert.equal(err.problems.length, 1);
      assert.match(problemAt(err, file), /not valid YAML at line/);
    });

    it('refuses production without WEBHOOK_TOKEN, Infobip and clientId, naming each', () => {
      const env = { ONCALL_CONFIG: examplePath, NODE_ENV: 'Production' };
      const err = catchConfigError(() => loadConfig(env, root));
      assert.equal(err.problems.length, 3, err.problems.join('\n'));
      problemAt(err, 'WEBHOOK_TOKEN: ');
      problemAt(err, 'INFOBIP_BASE_URL, INFOBIP_API_KEY: ');
      problemAt(err, 'clientId: ');
    });

    it('refuses production on the example config, and Infobip without a callback token', () => {
      const env = {
        NODE_ENV: 'production',
        WEBHOOK_TOKEN,
        clientId: 'bot-client-id',
        INFOBIP_BASE_URL: 'https://api.infobip.example',
        INFOBIP_API_KEY: API_KEY,
      };
      const err = catchConfigError(() => loadConfig(env, os.tmpdir()));
      problemAt(err, 'ONCALL_CONFIG: ');
      problemAt(err, 'INFOBIP_CALLBACK_TOKEN: ');
    });

    it('refuses an unknown LOG_LEVEL', () => {
      const err = catchConfigError(() =>
        loadConfig({ ONCALL_CONFIG: examplePath, LOG_LEVEL: 'verbose' }, root),
      );
      problemAt(err, 'LOG_LEVEL: ');
    });

    it('lists environment problems together with file problems', () => {
      const file = writeYaml('broken-prod.yaml', BROKEN_YAML);
      const env = { ONCALL_CONFIG: file, NODE_ENV: 'production', PORT: 'eighty' };
      const err = catchConfigError(() => loadConfig(env, root));
      problemAt(err, 'PORT: ');
      problemAt(err, 'WEBHOOK_TOKEN: ');
      problemAt(err, 'clientId: ');
      problemAt(err, 'onCall.primary: ');
    });

    it('refuses a DATABASE_URL that is not a file', () => {
      const env = { ONCALL_CONFIG: examplePath, DATABASE_URL: 'postgres://db/oncall' };
      const err = catchConfigError(() => loadConfig(env, root));
      assert.deepEqual(err.problems.length, 1);
      problemAt(err, 'DATABASE_URL: ');
    });

    it('refuses an INFOBIP_BASE_URL that is not http(s)', () => {
      const env = {
        ONCALL_CONFIG: examplePath,
        INFOBIP_BASE_URL: 'ftp://api.infobip.example',
        INFOBIP_API_KEY: API_KEY,
      };
      const err = catchConfigError(() => loadConfig(env, root));
      problemAt(err, 'INFOBIP_BASE_URL: ');
      assert.ok(!err.message.includes(API_KEY));
    });
  });

  describe('the environment', () => {
    it('starts in production with a webhook token and a bot identity', () => {
      const config = loadConfig(
        {
          ONCALL_CONFIG: examplePath,
          NODE_ENV: 'production',
          WEBHOOK_TOKEN,
          clientId: 'bot-client-id',
          clientSecret: CLIENT_SECRET,
          tenantId: 'tenant-id',
          INFOBIP_BASE_URL: 'https://api.infobip.example',
          INFOBIP_API_KEY: API_KEY,
          INFOBIP_CALLBACK_TOKEN: 'callback-token',
        },
        root,
      );
      assert.equal(config.production, true);
      assert.equal(config.webhookToken?.reveal(), WEBHOOK_TOKEN);
      assert.equal(config.bot?.clientId, 'bot-client-id');
      assert.equal(config.bot?.clientSecret?.reveal(), CLIENT_SECRET);
      assert.equal(config.bot?.tenantId, 'tenant-id');
    });

    it('sends through Infobip when both INFOBIP_BASE_URL and INFOBIP_API_KEY are set', () => {
      const config = loadConfig(
        {
          ONCALL_CONFIG: examplePath,
          INFOBIP_BASE_URL: 'https://xyz.api.infobip.com/',
          INFOBIP_API_KEY: API_KEY,
        },
        root,
      );
      assert.ok(config.infobip);
      assert.equal(config.infobip.baseUrl, 'https://xyz.api.infobip.com');
      assert.equal(config.infobip.apiKey.reveal(), API_KEY);
    });

    it('runs dry when either INFOBIP variable is unset or blank', () => {
      const onlyUrl = { INFOBIP_BASE_URL: 'https://xyz.api.infobip.com' };
      const onlyKey = { INFOBIP_API_KEY: API_KEY };
      const blankKey = { ...onlyUrl, INFOBIP_API_KEY: '   ' };
      for (const env of [onlyUrl, onlyKey, blankKey, {}]) {
        const config = loadConfig({ ONCALL_CONFIG: examplePath, ...env }, root);
        assert.equal(config.infobip, null, JSON.stringify(env));
      }
    });

    it('puts the database in <cwd>/data/oncall.db by default', () => {
      const config = loadConfig({ ONCALL_CONFIG: examplePath }, dir);
      assert.equal(config.databasePath, path.join(dir, 'data', 'oncall.db'));
    });

    it('reads DATABASE_URL file: paths and :memory:', () => {
      const file = loadConfig({ ONCALL_CONFIG: examplePath, DATABASE_URL: 'file:./x.db' }, dir);
      const memory = loadConfig({ ONCALL_CONFIG: examplePath, DATABASE_URL: ':memory:' }, dir);
      assert.equal(file.databasePath, path.join(dir, 'x.db'));
      assert.equal(memory.databasePath, ':memory:');
    });

    it('reads PORT and LOG_LEVEL', () => {
      const env = { ONCALL_CONFIG: examplePath, PORT: '8080', LOG_LEVEL: 'debug' };
      const config = loadConfig(env, root);
      assert.equal(config.port, 8080);
      assert.equal(config.logLevel, 'debug');
    });

    it('reads the version from package.json', () => {
      const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        version: string;
      };
      assert.equal(loadConfig({ ONCALL_CONFIG: examplePath }, root).version, manifest.version);
    });
  });

  describe('the result', () => {
    const secretEnv = {
      INFOBIP_BASE_URL: 'https://xyz.api.infobip.com',
      INFOBIP_API_KEY: API_KEY,
      WEBHOOK_TOKEN,
      clientId: 'bot-client-id',
      clientSecret: CLIENT_SECRET,
    };

    it('is frozen all the way down', () => {
      const config = loadConfig({ ONCALL_CONFIG: examplePath, ...secretEnv }, root);
      assert.ok(Object.isFrozen(config));
      assert.ok(Object.isFrozen(config.policy));
      assert.ok(Object.isFrozen(config.policy.businessHours));
      assert.ok(Object.isFrozen(config.policy.titles));
      assert.ok(Object.isFrozen(config.roster.people));
      assert.ok(Object.isFrozen(config.roster.people[0]));
      assert.ok(Object.isFrozen(config.roster.onCall));
      assert.ok(Object.isFrozen(config.sender));
      assert.ok(Object.isFrozen(config.infobip));
      assert.ok(Object.isFrozen(config.bot));
      assert.throws(() => {
        (config as { port: number }).port = 1;
      }, TypeError);
      assert.throws(() => {
        (config.roster.onCall as Record<string, string>).primary = 'sam';
      }, TypeError);
    });

    it('never prints the API key, the webhook token or the client secret', () => {
      const config = loadConfig({ ONCALL_CONFIG: examplePath, ...secretEnv }, root);
      const printed = [JSON.stringify(config), inspect(config, { depth: null }), String(config)];
      for (const text of printed) {
        for (const secret of [API_KEY, WEBHOOK_TOKEN, CLIENT_SECRET]) {
          assert.ok(!text.includes(secret), `${secret} printed`);
        }
      }

      assert.match(printed[0] ?? '', /\[secret\]/);
    });
  });
});
