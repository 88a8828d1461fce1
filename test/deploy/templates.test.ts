import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../unit/fixtures';
import {
  allResources,
  type ArmResource,
  type ArmTemplate,
  expressions,
  isSecretParameter,
  isTemplate,
  readJsonFiles,
  usedParameters,
  withNestedTemplates,
} from './support/arm-template';

/**
 * The oldest apiVersion accepted per resource type. The first block is the list of
 * reference/sentinel.md §6; the rest are the newest GA versions when the templates were written.
 */
const MIN_API_VERSIONS: Readonly<Record<string, string>> = {
  'Microsoft.SecurityInsights/alertRules': '2025-09-01',
  'Microsoft.SecurityInsights/automationRules': '2025-09-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
  'Microsoft.Web/serverfarms': '2024-11-01',
  'Microsoft.Web/sites': '2024-11-01',
  'Microsoft.Web/sites/config': '2024-11-01',

  'Microsoft.ManagedIdentity/userAssignedIdentities': '2024-11-30',
  'Microsoft.KeyVault/vaults': '2024-11-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.Resources/deployments': '2024-03-01',
  'Microsoft.Logic/workflows': '2019-05-01',
  'Microsoft.Web/connections': '2016-06-01',
};

const ROLE = {
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893',
  sentinelResponder: '3e150937-b8fe-4cfb-8069-0eaf05ecd056',
  sentinelAutomationContributor: 'f4c81013-99ee-4d62-a7ee-b3f1f648599a',
};

const docs = readJsonFiles();
const templates = [...docs].filter((entry): entry is [string, ArmTemplate] => isTemplate(entry[1]));

function template(name: string): ArmTemplate {
  const found = docs.get(name);
  assert.ok(isTemplate(found), `${name} is not a deployment template`);
  return found;
}

function resourcesOfType(t: ArmTemplate, type: string): ArmResource[] {
  return allResources(t).filter((r) => r.type === type);
}

describe('deployment templates', () => {
  it('finds the three templates and their example parameters files', () => {
    assert.deepEqual(templates.map(([name]) => name).sort(), [
      'bot-host.json',
      'sentinel-rules.json',
      'sentinel-wiring.json',
    ]);
    assert.ok(docs.has('bot-host.parameters.example.json'));
    assert.ok(docs.has('sentinel-wiring.parameters.example.json'));
  });

  for (const [file, outer] of templates) {
    describe(file, () => {
      const scopes = withNestedTemplates(file, outer);

      it('uses every parameter it declares, and declares every parameter it uses', () => {
        for (const { file: where, template: t } of scopes) {
          const declared = Object.keys(t.parameters ?? {}).sort();
          const used = [...usedParameters(t)].sort();
          assert.deepEqual(used, declared, where);
        }
      });

      it('references only variables it declares', () => {
        for (const { file: where, template: t } of scopes) {
          const declared = new Set(Object.keys(t.variables ?? {}));
          const used = expressions(t).flatMap((e) =>
            [...e.matchAll(/variables\('([^']+)'\)/g)].map((m) => m[1] ?? ''),
          );
          assert.deepEqual(
            used.filter((name) => !declared.has(name)),
            [],
            where,
          );
        }
      });

      it('gives every resource type an apiVersion from the reference list or newer', () => {
        for (const { file: where, template: t } of scopes) {
          for (const resource of allResources(t)) {
            const min = MIN_API_VERSIONS[resource.type];
            const what = `${where}: ${resource.type}@${resource.apiVersion}`;
            assert.ok(min !== undefined, `${what}: type missing from the list`);
            assert.match(resource.apiVersion, /^\d{4}-\d{2}-\d{2}$/, `${what}: preview`);
            assert.ok(resource.apiVersion >= min, `${what}: older than ${min}`);
          }
        }
      });

      it('gives no secret a default value, and types every secret as secure', () => {
        for (const { file: where, template: t } of scopes) {
          for (const [name, parameter] of Object.entries(t.parameters ?? {})) {
            if (!isSecretParameter(name, parameter)) {
              continue;
            }

            assert.equal(parameter.defaultValue, undefined, `${where}: ${name} has a default`);
            assert.match(parameter.type, /^secure/i, `${where}: ${name} is not secure`);
          }
        }
      });
    });
  }

  describe('example parameters files', () => {
    const pairs = [
      ['bot-host.parameters.example.json', 'bot-host.json'],
      ['sentinel-wiring.parameters.example.json', 'sentinel-wiring.json'],
    ] as const;

    for (const [example, of] of pairs) {
      it(`${example} sets every required parameter of ${of}, and nothing else`, () => {
        const declared = template(of).parameters ?? {};
        const given = (docs.get(example) as { parameters: Record<string, object> }).parameters;
        const required = Object.keys(declared).filter((n) => !('defaultValue' in declared[n]!));
        assert.deepEqual(
          Object.keys(given).filter((name) => !(name in declared)),
          [],
        );
        assert.deepEqual(
          required.filter((name) => !(name in given)),
          [],
        );
      });

      it(`${example} takes secrets from Key Vault, never as values`, () => {
        const declared = template(of).parameters ?? {};
        const given = (docs.get(example) as { parameters: Record<string, object> }).parameters;
        for (const [name, entry] of Object.entries(given)) {
          if (isSecretParameter(name, declared[name]!)) {
            assert.ok(!('value' in entry), `${example}: ${name} holds a value`);
            assert.ok('reference' in entry, `${example}: ${name} is not a Key Vault reference`);
          }
        }
      });
    }
  });
});

describe('bot-host.json', () => {
  const host = template('bot-host.json');
  const site = resourcesOfType(host, 'Microsoft.Web/sites')[0];
  const settings = resourcesOfType(host, 'Microsoft.Web/sites/config')[0];
  const variables = host.variables as Record<string, unknown>;
  const fixed = variables.fixedSettings as Record<string, string>;
  const settingNames = new Set([
    ...Object.keys(fixed),
    ...[variables.clientSecretSetting, variables.logsEndpointSetting, settings?.properties]
      .map(String)
      .flatMap((text) => [...text.matchAll(/createObject\('([A-Za-z_]+)'/g)].map((m) => m[1])),
  ]);

  it('runs a Linux Web App on Node 22 LTS, HTTPS only and always on', () => {
    const config = site?.properties?.siteConfig as Record<string, unknown>;
    assert.equal(config.linuxFxVersion, 'NODE|22-lts');
    assert.equal(config.alwaysOn, true);
    assert.equal(site?.properties?.httpsOnly, true);
    assert.equal(config.appCommandLine, 'node dist/src/app/main.js');
  });

  it('sets an app setting for every environment variable the bot reads', () => {
    const source = ['load-config.ts', 'env-readers.ts']
      .map((file) => readFileSync(path.join(repoRoot(), 'src/config', file), 'utf8'))
      .join('\n');
    const read = new Set([
      ...[...source.matchAll(/env\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? ''),
      ...[...source.matchAll(/env, '([A-Z_]+)'/g)].map((m) => m[1] ?? ''),
      'LOGS_ENDPOINT', // the Log Analytics poller's, optional
    ]);
    read.delete('PORT'); // App Service sets PORT for the Node image itself
    assert.ok(read.size >= 14, `only ${read.size} variables found in src/config`);
    assert.deepEqual(
      [...read].filter((name) => !settingNames.has(name)),
      [],
    );
  });

  it('takes every secret from Key Vault through a reference', () => {
    const refs = `${fixed.WEBHOOK_TOKEN} ${fixed.INFOBIP_API_KEY} ${fixed.INFOBIP_CALLBACK_TOKEN}`;
    assert.equal(refs.match(/variables\('secretRef'\)/g)?.length, 3);
    assert.match(String(variables.clientSecretSetting), /'bot-client-secret\)'/);
    assert.match(String(variables.secretRef), /@Microsoft\.KeyVault\(VaultName=\{0\};SecretName=/);
    assert.equal(
      Object.values(host.parameters ?? {}).filter((p) => /secure/i.test(p.type)).length,
      0,
    );
  });

  it('creates an Azure Bot, SingleTenant or UserAssignedMSI, with the Teams channel', () => {
    assert.deepEqual(host.parameters?.botAppType?.allowedValues, [
      'SingleTenant',
      'UserAssignedMSI',
    ]);
    const bot = resourcesOfType(host, 'Microsoft.BotService/botServices')[0];
    assert.equal(bot?.properties?.msaAppType, "[parameters('botAppType')]");
    const channel = resourcesOfType(host, 'Microsoft.BotService/botServices/channels')[0];
    assert.equal((channel?.properties as { channelName: string }).channelName, 'MsTeamsChannel');
  });

  it('gives the identity Log Analytics Reader only, Responder only with write-back', () => {
    const nested = resourcesOfType(host, 'Microsoft.Resources/deployments')[0]?.properties
      ?.template;
    const roles = resourcesOfType(nested ?? {}, 'Microsoft.Authorization/roleAssignments');
    const granted = roles.map((r) => [
      String((r.properties as { roleDefinitionId: string }).roleDefinitionId).match(
        /'([0-9a-f-]{36})'/,
      )?.[1],
      r.condition ?? true,
    ]);
    assert.deepEqual(granted, [
      [ROLE.logAnalyticsReader, true],
      [ROLE.sentinelResponder, "[parameters('sentinelWriteBack')]"],
    ]);
    const outer = resourcesOfType(host, 'Microsoft.Authorization/roleAssignments');
    assert.ok(outer.every((r) => !JSON.stringify(r).includes('identityId')));
  });
});

describe('sentinel-wiring.json', () => {
  const wiring = template('sentinel-wiring.json');
  const workflow = resourcesOfType(wiring, 'Microsoft.Logic/workflows')[0];
  const definition = workflow?.properties?.definition as {
    triggers: Record<string, { type: string; inputs: { path: string } }>;
    actions: Record<string, { type: string; inputs: Record<string, unknown> }>;
  };

  it('triggers on Sentinel incidents, POSTs @{triggerBody()} with the bearer token', () => {
    const trigger = Object.values(definition.triggers)[0];
    assert.equal(trigger?.type, 'ApiConnectionWebhook');
    assert.equal(trigger?.inputs.path, '/incident-creation');
    const post = Object.values(definition.actions)[0];
    assert.equal(post?.type, 'Http');
    assert.equal(post?.inputs.method, 'POST');
    assert.equal(post?.inputs.uri, "@parameters('incidentsUrl')");
    assert.equal(post?.inputs.body, '@{triggerBody()}');
    const headers = post?.inputs.headers as Record<string, string>;
    assert.equal(headers.Authorization, "Bearer @{parameters('webhookToken')}");
    const retry = post?.inputs.retryPolicy as { type: string; count: number };
    assert.equal(retry.type, 'exponential');
    assert.ok(retry.count >= 4);
  });

  it('runs it from automation rules on incident creation and on update', () => {
    const rules = resourcesOfType(wiring, 'Microsoft.SecurityInsights/automationRules');
    const when = rules.map((r) => r.properties as { triggeringLogic: { triggersWhen: string } });
    assert.deepEqual(
      when.map((p) => p.triggeringLogic.triggersWhen),
      ['Created', 'Updated'],
    );
    for (const rule of rules) {
      assert.equal(rule.properties?.actions, "[variables('runPlaybook')]");
      assert.ok(JSON.stringify(rule.dependsOn).includes('roleAssignmentName'));
    }
  });

  it('lets Azure Security Insights run the playbook (Sentinel Automation Contributor)', () => {
    const [grant] = resourcesOfType(wiring, 'Microsoft.Authorization/roleAssignments');
    assert.equal(grant?.scope, "[variables('playbookScope')]");
    assert.equal(grant?.properties?.principalId, "[parameters('securityInsightsPrincipalId')]");
    assert.ok(
      String(wiring.variables?.automationContributorRole).includes(
        ROLE.sentinelAutomationContributor,
      ),
    );
  });
});
