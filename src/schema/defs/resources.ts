/**
 * `resources`: jobs (fully described in job.ts) and every other resource kind of the bundle
 * format. This tool loads and checks the other kinds but does not deploy them, so each is
 * described by the fields we are sure of (types, required fields, enums) and left open
 * (`open: true`): an unlisted field is accepted rather than reported, because a false "unknown
 * field" warning on a kind we never deploy costs users more than a missed typo there.
 */
import { any, arr, bool, enumOf, hidden, int, mapOf, num, obj, ref, str, type JsonSchema } from '../dsl.js';
import { clusterSpecProps } from './compute.js';

const open = (props: Record<string, JsonSchema>, required: readonly string[] = [], description?: string) =>
  obj(props, { required, open: true, description });

const permissions = arr(ref('ResourcePermission'), 'Who may use or manage this resource.');
const grants = arr(open({ principal: str(), privileges: arr(str()) }), 'Unity Catalog privileges.');
const lifecycle = ref('Lifecycle');
const lifecycleWithStarted = obj({ prevent_destroy: bool(), started: bool('Keep the resource running after deploy.') });
const keyValueTags = arr(open({ key: str(), value: str() }));
// Keys the deployment writes back; accepted in configuration like the reference CLI does.
const readOnly = { id: hidden(str()), url: hidden(str()), modified_status: hidden(str()) };
const deployment = hidden(open({ kind: str(), metadata_file_path: str(), deployment_id: str(), version_id: str() }));

/** Resource kind → its definition name, in the order `resources` lists them. */
export const RESOURCE_KINDS: Record<string, string> = {
  jobs: 'Job',
  pipelines: 'Pipeline',
  clusters: 'Cluster',
  models: 'MlflowModel',
  registered_models: 'RegisteredModel',
  experiments: 'MlflowExperiment',
  model_serving_endpoints: 'ModelServingEndpoint',
  quality_monitors: 'QualityMonitor',
  schemas: 'UcSchema',
  volumes: 'Volume',
  catalogs: 'Catalog',
  external_locations: 'ExternalLocation',
  dashboards: 'Dashboard',
  genie_spaces: 'GenieSpace',
  apps: 'App',
  secret_scopes: 'SecretScope',
  secrets: 'Secret',
  sql_warehouses: 'SqlWarehouse',
  alerts: 'Alert',
  instance_pools: 'InstancePool',
  database_instances: 'DatabaseInstance',
  database_catalogs: 'DatabaseCatalog',
  synced_database_tables: 'SyncedDatabaseTable',
  job_runs: 'JobRun',
  vector_search_endpoints: 'VectorSearchEndpoint',
  vector_search_indexes: 'VectorSearchIndex',
  postgres_projects: 'PostgresProject',
  postgres_branches: 'PostgresBranch',
  postgres_catalogs: 'PostgresCatalog',
  postgres_databases: 'PostgresDatabase',
  postgres_endpoints: 'PostgresEndpoint',
  postgres_roles: 'PostgresRole',
  postgres_synced_tables: 'PostgresSyncedTable',
};

/** Pipeline clusters take a subset of the cluster fields, plus `label`. */
const PIPELINE_CLUSTER_FIELDS = [
  'apply_policy_default_values',
  'aws_attributes',
  'azure_attributes',
  'cluster_log_conf',
  'custom_tags',
  'driver_instance_pool_id',
  'driver_node_type_id',
  'enable_local_disk_encryption',
  'gcp_attributes',
  'init_scripts',
  'instance_pool_id',
  'node_type_id',
  'num_workers',
  'policy_id',
  'spark_conf',
  'spark_env_vars',
  'ssh_public_keys',
];

function pick(props: Record<string, JsonSchema>, keys: readonly string[]): Record<string, JsonSchema> {
  return Object.fromEntries(keys.map((k) => [k, props[k]!]));
}

const pipelineLibrary = open({
  notebook: open({ path: str() }),
  file: open({ path: str() }),
  glob: open({ include: str() }),
  jar: str(),
  whl: str(),
  maven: open({ coordinates: str() }),
});

const otherKinds: Record<string, JsonSchema> = {
  Pipeline: open(
    {
      name: str(),
      catalog: str(),
      schema: str(),
      target: str(),
      storage: str(),
      root_path: str(),
      channel: str(),
      edition: str(),
      photon: bool(),
      serverless: bool(),
      continuous: bool(),
      development: bool(),
      allow_duplicate_names: bool(),
      budget_policy_id: str(),
      usage_policy_id: str(),
      serverless_compute_id: str(),
      configuration: mapOf(str()),
      parameters: mapOf(str()),
      tags: mapOf(str()),
      clusters: arr(open({ ...pick(clusterSpecProps, PIPELINE_CLUSTER_FIELDS), label: str(), autoscale: open({ min_workers: int(), max_workers: int(), mode: str() }) })),
      libraries: arr(pipelineLibrary),
      environment: open({ dependencies: arr(str()), environment_version: str() }),
      notifications: arr(open({ alerts: arr(str()), email_recipients: arr(str()) })),
      run_as: open({ user_name: str(), service_principal_name: str() }),
      permissions,
      lifecycle,
      deployment,
      ...readOnly,
    },
    [],
    'A Lakeflow declarative pipeline (checked, not deployed by this tool).',
  ),
  Cluster: open({ ...clusterSpecProps, permissions, lifecycle: lifecycleWithStarted, ...readOnly }, [], 'An all-purpose cluster.'),
  MlflowModel: open({ name: str(), description: str(), tags: keyValueTags, permissions, lifecycle, ...readOnly }, ['name']),
  RegisteredModel: open({
    name: str(),
    catalog_name: str(),
    schema_name: str(),
    comment: str(),
    storage_location: str(),
    owner: str(),
    full_name: str(),
    metastore_id: str(),
    created_at: int(),
    created_by: str(),
    updated_at: int(),
    updated_by: str(),
    aliases: arr(open({ alias_name: str(), version_num: int() })),
    grants,
    lifecycle,
    ...readOnly,
  }),
  MlflowExperiment: open({ name: str(), artifact_location: str(), tags: keyValueTags, permissions, lifecycle, ...readOnly }, ['name']),
  ModelServingEndpoint: open(
    {
      name: str(),
      description: str(),
      config: open({}),
      ai_gateway: open({}),
      route_optimized: bool(),
      budget_policy_id: str(),
      tags: keyValueTags,
      permissions,
      lifecycle,
      ...readOnly,
    },
    ['name'],
  ),
  QualityMonitor: open(
    {
      table_name: str(),
      assets_dir: str(),
      output_schema_name: str(),
      warehouse_id: str(),
      baseline_table_name: str(),
      skip_builtin_dashboard: bool(),
      slicing_exprs: arr(str()),
      schedule: open({ quartz_cron_expression: str(), timezone_id: str() }),
      lifecycle,
      ...readOnly,
    },
    ['table_name', 'assets_dir', 'output_schema_name'],
  ),
  UcSchema: open(
    { catalog_name: str(), name: str(), comment: str(), storage_root: str(), properties: mapOf(str()), custom_max_retention_hours: int(), grants, lifecycle, ...readOnly },
    ['catalog_name', 'name'],
    'A Unity Catalog schema.',
  ),
  Volume: open(
    {
      catalog_name: str(),
      schema_name: str(),
      name: str(),
      comment: str(),
      storage_location: str(),
      volume_type: enumOf(['MANAGED', 'EXTERNAL']),
      grants,
      lifecycle,
      ...readOnly,
    },
    ['catalog_name', 'name', 'schema_name'],
    'A Unity Catalog volume.',
  ),
  Catalog: open({ name: str(), comment: str(), storage_root: str(), properties: mapOf(str()), options: mapOf(str()), grants, lifecycle, ...readOnly }, ['name']),
  ExternalLocation: open(
    // `url` is the storage URL here, not the read-only workspace link.
    { name: str(), url: str(), credential_name: str(), comment: str(), read_only: bool(), skip_validation: bool(), grants, lifecycle, id: readOnly.id },
    ['credential_name', 'name', 'url'],
  ),
  Dashboard: open({
    display_name: str(),
    warehouse_id: str(),
    file_path: str(),
    parent_path: str(),
    serialized_dashboard: any(),
    embed_credentials: bool(),
    dataset_catalog: str(),
    dataset_schema: str(),
    etag: str(),
    lifecycle_state: enumOf(['ACTIVE', 'TRASHED']),
    permissions,
    lifecycle,
    ...readOnly,
  }),
  GenieSpace: open({ title: str(), description: str(), warehouse_id: str(), file_path: str(), parent_path: str(), serialized_space: any(), permissions, lifecycle, ...readOnly }),
  App: open(
    {
      name: str(),
      description: str(),
      source_code_path: str(),
      config: open({}),
      resources: arr(open({ name: str(), description: str() })),
      compute_size: enumOf(['MEDIUM', 'LARGE', 'XLARGE']),
      budget_policy_id: str(),
      usage_policy_id: str(),
      user_api_scopes: arr(str()),
      space: hidden(str()),
      permissions,
      lifecycle: lifecycleWithStarted,
      ...readOnly,
    },
    ['name'],
  ),
  SecretScope: open({ name: str(), backend_type: enumOf(['DATABRICKS', 'AZURE_KEYVAULT']), keyvault_metadata: open({}), permissions, lifecycle }, ['name']),
  Secret: open({ catalog_name: str(), schema_name: str(), name: str(), value: str(), comment: str(), owner: str(), grants, lifecycle }, [
    'catalog_name',
    'name',
    'schema_name',
    'value',
  ]),
  SqlWarehouse: open({
    name: str(),
    cluster_size: str(),
    auto_stop_mins: int(),
    min_num_clusters: int(),
    max_num_clusters: int(),
    enable_photon: bool(),
    enable_serverless_compute: bool(),
    warehouse_type: enumOf(['TYPE_UNSPECIFIED', 'CLASSIC', 'PRO']),
    spot_instance_policy: enumOf(['POLICY_UNSPECIFIED', 'COST_OPTIMIZED', 'RELIABILITY_OPTIMIZED']),
    instance_profile_arn: str(),
    creator_name: str(),
    permissions,
    lifecycle: lifecycleWithStarted,
    ...readOnly,
  }),
  Alert: open(
    { display_name: str(), query_text: str(), warehouse_id: str(), evaluation: open({}), schedule: open({}), parent_path: str(), file_path: str(), permissions, lifecycle, ...readOnly },
    ['display_name', 'evaluation', 'query_text', 'schedule', 'warehouse_id'],
  ),
  InstancePool: open(
    { instance_pool_name: str(), node_type_id: str(), min_idle_instances: int(), max_capacity: int(), idle_instance_autotermination_minutes: int(), custom_tags: mapOf(str()), permissions, lifecycle, ...readOnly },
    ['instance_pool_name', 'node_type_id'],
  ),
  DatabaseInstance: open(
    {
      name: str(),
      capacity: str(),
      node_count: int(),
      stopped: bool(),
      enable_readable_secondaries: bool(),
      enable_pg_native_login: bool(),
      retention_window_in_days: int(),
      usage_policy_id: str(),
      permissions,
      lifecycle,
      ...readOnly,
    },
    ['name'],
  ),
  DatabaseCatalog: open({ name: str(), database_instance_name: str(), database_name: str(), create_database_if_not_exists: bool(), lifecycle }, [
    'database_instance_name',
    'database_name',
    'name',
  ]),
  SyncedDatabaseTable: open({ name: str(), database_instance_name: str(), logical_database_name: str(), spec: open({}), lifecycle }, ['name']),
  JobRun: open({ job_id: int(), job_parameters: mapOf(str()), only: arr(str()), performance_target: ref('PerformanceTarget'), queue: ref('QueueSettings') }, ['job_id']),
  VectorSearchEndpoint: open({ name: str(), endpoint_type: enumOf(['STORAGE_OPTIMIZED', 'STANDARD']), budget_policy_id: str(), target_qps: int(), permissions, lifecycle }, [
    'endpoint_type',
    'name',
  ]),
  VectorSearchIndex: open(
    { name: str(), endpoint_name: str(), primary_key: str(), index_type: enumOf(['DELTA_SYNC', 'DIRECT_ACCESS']), index_subtype: enumOf(['VECTOR', 'FULL_TEXT', 'HYBRID']), grants, lifecycle },
    ['endpoint_name', 'index_type', 'name', 'primary_key'],
  ),
  PostgresProject: open({ project_id: str(), display_name: str(), pg_version: int(), permissions, lifecycle }, ['project_id']),
  PostgresBranch: open({ branch_id: str(), parent: str(), is_protected: bool(), lifecycle }, ['branch_id', 'parent']),
  PostgresCatalog: open({ catalog_id: str(), postgres_database: str(), branch: str(), lifecycle }, ['catalog_id', 'postgres_database']),
  PostgresDatabase: open({ database_id: str(), parent: str(), role: str(), postgres_database: str(), lifecycle }, ['database_id', 'parent', 'role']),
  PostgresEndpoint: open(
    {
      endpoint_id: str(),
      parent: str(),
      endpoint_type: enumOf(['ENDPOINT_TYPE_READ_WRITE', 'ENDPOINT_TYPE_READ_ONLY']),
      autoscaling_limit_min_cu: num(),
      autoscaling_limit_max_cu: num(),
      disabled: bool(),
      lifecycle,
    },
    ['endpoint_id', 'parent', 'endpoint_type'],
  ),
  PostgresRole: open({ role_id: str(), parent: str(), postgres_role: str(), lifecycle }, ['role_id', 'parent']),
  PostgresSyncedTable: open({ synced_table_id: str(), source_table_full_name: str(), primary_key_columns: arr(str()), lifecycle }, ['synced_table_id']),
};

/** `Resources` and every resource kind other than jobs. */
export const resourceDefs: Record<string, JsonSchema> = {
  Resources: obj(
    Object.fromEntries(Object.entries(RESOURCE_KINDS).map(([kind, def]) => [kind, mapOf(ref(def))])),
    { description: 'The resources the bundle defines, by kind and key.' },
  ),
  ResourcePermission: obj(
    { level: str('Permission level; the valid values depend on the resource kind.'), user_name: str(), group_name: str(), service_principal_name: str() },
    { required: ['level'] },
  ),
  ...otherKinds,
};
