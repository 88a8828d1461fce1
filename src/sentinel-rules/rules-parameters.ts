import type { SentinelRules } from './sentinel-rule';

const PARAMETERS_SCHEMA =
  'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/**
 * The parameters file of deploymentTemplates/sentinel-rules.json for these rules. The
 * workspace name is left out: it is given on the command line.
 */
export function rulesParametersFile(rules: SentinelRules): Record<string, unknown> {
  return {
    $schema: PARAMETERS_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      escalationRule: { value: rules.escalation },
      stormRule: { value: rules.storm },
    },
  };
}
