/**
 * Resource definitions the reference rejects or manages itself: a resource declared with an
 * empty body, deployment ids set by hand, and resource kinds this tool loads and checks but
 * does not deploy (an info note), plus Python-defined resources it does not load.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { keySpan, locOf, spanAt, valueSpan } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';

/** Singular nouns the reference uses in "<kind> <key> is not defined". */
const SINGULAR: Record<string, string> = {
  jobs: 'job', pipelines: 'pipeline', experiments: 'experiment', models: 'model', registered_models: 'registered model',
  clusters: 'cluster', schemas: 'schema', volumes: 'volume', dashboards: 'dashboard', apps: 'app', model_serving_endpoints: 'model serving endpoint',
  quality_monitors: 'quality monitor', secret_scopes: 'secret scope', sql_warehouses: 'sql warehouse', database_instances: 'database instance',
  database_catalogs: 'database catalog', synced_database_tables: 'synced database table', alerts: 'alert', catalogs: 'catalog',
};

const obj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const resourceBodies: BundleCheck = ({ config }) => {
  const out: Diagnostic[] = [];
  const resources = obj(config.resources) ? config.resources : {};
  for (const [kind, group] of Object.entries(resources)) {
    if (!obj(group)) continue;
    for (const [key, body] of Object.entries(group)) {
      const path = ['resources', kind, key];
      if (body === null || body === undefined) {
        const loc = locOf(group, key);
        out.push(diag('error', 'bundle/undefined-resource', `${SINGULAR[kind] ?? kind} ${key} is not defined`, {
          path,
          span: loc && valueSpan(loc),
          detail: 'The resource has a key but no settings. Add its settings or remove the key.',
        }));
        continue;
      }
      if (!obj(body)) continue;
      const dep = body.deployment;
      if (obj(dep)) {
        for (const field of ['deployment_id', 'version_id']) {
          if (dep[field] === undefined) continue;
          out.push(diag('error', 'bundle/reserved-field', `${field} must not be set in bundle configuration; it is managed by Declarative Automation Bundles`, {
            path: [...path, 'deployment', field],
            span: spanAt(config, [...path, 'deployment', field]),
          }));
        }
      }
    }
  }
  return out;
};

/** Kinds this tool deploys; the rest are loaded and schema-checked only. */
const MANAGED = new Set(['jobs']);

export const unmanagedResources: BundleCheck = ({ config }) => {
  const out: Diagnostic[] = [];
  const resources = obj(config.resources) ? config.resources : {};
  for (const [kind, group] of Object.entries(resources)) {
    if (MANAGED.has(kind) || !obj(group) || Object.keys(group).length === 0) continue;
    const loc = locOf(resources, kind);
    out.push(diag('info', 'bundle/not-managed', `${Object.keys(group).length} ${kind} resource(s) are checked but not deployed by this tool`, {
      path: ['resources', kind],
      span: loc && keySpan(loc),
      detail: 'jobs-as-code deploys jobs. Deploy other resources with the Databricks CLI; references to them (${resources.…}) must resolve at deploy time.',
    }));
  }
  if (config.python !== undefined) {
    const loc = locOf(config, 'python');
    out.push(diag('warning', 'bundle/python-resources', 'resources defined in Python (the python: section) are not loaded by this tool', {
      path: ['python'],
      span: loc && keySpan(loc),
      detail: 'Only YAML and JSON resources are validated and deployed; Python-defined resources are ignored.',
    }));
  }
  return out;
};
