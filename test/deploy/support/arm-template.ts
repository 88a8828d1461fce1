import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../../unit/fixtures';

/** The parts of an ARM template (or a nested inner-scope template) that the checks read. */
export interface ArmTemplate {
  readonly $schema?: string;
  readonly parameters?: Record<string, ArmParameter>;
  readonly variables?: Record<string, unknown>;
  readonly resources?: ArmResource[];
  readonly outputs?: Record<string, unknown>;
}

/** A declared template parameter. */
export interface ArmParameter {
  readonly type: string;
  readonly defaultValue?: unknown;
  readonly allowedValues?: unknown[];
}

/** A resource of a template; nested deployments carry their own template. */
export interface ArmResource {
  readonly type: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly condition?: unknown;
  readonly properties?: Record<string, unknown> & { template?: ArmTemplate };
  readonly [key: string]: unknown;
}

/** A template found on disk, with the name of the file it came from. */
export interface TemplateFile {
  readonly file: string;
  readonly template: ArmTemplate;
}

/** The folder the deployment templates live in. */
export const TEMPLATES_DIR = path.join(repoRoot(), 'deploymentTemplates');

/** Every JSON file of deploymentTemplates/, parsed, by file name. */
export function readJsonFiles(): Map<string, unknown> {
  const files = readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.json'));
  return new Map(
    files.map((name) => [name, JSON.parse(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'))]),
  );
}

/** Whether a parsed JSON document is a deployment template (not a parameters file). */
export function isTemplate(doc: unknown): doc is ArmTemplate {
  const schema = (doc as { $schema?: unknown }).$schema;
  return typeof schema === 'string' && schema.includes('deploymentTemplate.json');
}

/**
 * The template and every inner-scope template nested in it, each one on its own: expressions
 * of an inner template only see its own parameters.
 */
export function withNestedTemplates(file: string, template: ArmTemplate): TemplateFile[] {
  const nested = allResources(template)
    .map((resource) => resource.properties?.template)
    .filter((inner): inner is ArmTemplate => inner !== undefined)
    .flatMap((inner) => withNestedTemplates(`${file} (nested)`, inner));
  return [{ file, template }, ...nested];
}

/** The resources of a template, child resources included, nested deployments' ones excluded. */
export function allResources(template: ArmTemplate): ArmResource[] {
  const walk = (resources: ArmResource[] | undefined): ArmResource[] =>
    (resources ?? []).flatMap((r) => [r, ...walk(r.resources as ArmResource[] | undefined)]);
  return walk(template.resources);
}

/** Every ARM expression string of a template, skipping nested inner-scope templates. */
export function expressions(template: ArmTemplate): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string | null): void => {
    if (key === 'template' && isTemplate(value)) {
      return;
    }

    if (typeof value === 'string') {
      if (value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']')) {
        found.push(value);
      }

      return;
    }

    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, null));
    } else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([k, v]) => {
        visit(k, null);
        visit(v, k);
      });
    }
  };

  visit({ ...template, $schema: undefined }, null);
  return found;
}

/** Names passed to `parameters('...')` in a template's expressions. */
export function usedParameters(template: ArmTemplate): Set<string> {
  const names = expressions(template).flatMap((text) =>
    [...text.matchAll(/parameters\('([^']+)'\)/g)].map((m) => m[1] ?? ''),
  );
  return new Set(names);
}

/** Whether a template parameter holds a secret: secure types, or a secret-sounding name. */
export function isSecretParameter(name: string, parameter: ArmParameter): boolean {
  const secureType = /^secure(string|object)$/i.test(parameter.type);
  return secureType || /(token|secret|password|apikey|api_key|key$)/i.test(name);
}
