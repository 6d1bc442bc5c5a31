/**
 * The bundle's own sections: `bundle`, `workspace`, `variables`, `targets`, `sync`, `presets`,
 * `artifacts`, `experimental`, … Keys the CLI writes itself while loading (bundle.target,
 * bundle.git.commit, workspace.current_user, …) are accepted but hidden from completion, so a
 * resolved configuration validates as cleanly as the file it came from.
 */
import { any, arr, bool, deprecated, enumOf, hidden, int, mapOf, obj, ref, str, type JsonSchema } from '../dsl.js';

const lookupKinds = [
  'alert',
  'cluster',
  'cluster_policy',
  'dashboard',
  'instance_pool',
  'job',
  'metastore',
  'notification_destination',
  'pipeline',
  'query',
  'service_principal',
  'warehouse',
] as const;

const git = obj(
  {
    branch: str('Branch to check the deployment against.'),
    origin_url: str('Remote URL of the repository.'),
    actual_branch: hidden(str()),
    commit: hidden(str()),
    inferred: hidden(bool()),
    bundle_root_path: hidden(str()),
  },
  { description: 'Git details of the bundle; inferred from the checkout when left out.' },
);

const bundleProps: Record<string, JsonSchema> = {
  name: str('Name of the bundle; part of the default workspace paths. No ${…} here.'),
  databricks_cli_version: str('Version constraint on the CLI, e.g. ">= 0.218.0".'),
  cluster_id: str('Run every task on this cluster (development override).'),
  compute_id: deprecated(str(), 'Use cluster_id.'),
  git,
  deployment: ref('BundleDeployment'),
  engine: enumOf(['terraform', 'direct'], 'Deployment engine of the reference CLI.'),
  uuid: str('Identifier of the bundle, written by bundle templates.'),
  // Set while loading: the selected target and its mode.
  target: hidden(str()),
  environment: hidden(str()),
  mode: hidden(str()),
};

const targetBundle = obj(bundleProps, { description: 'Overrides of the bundle section for this target.' });

const workspace = obj({
  host: str('Workspace URL, e.g. https://adb-123.azuredatabricks.net (or "local" for the embedded workspace).'),
  profile: str('Profile in ~/.databrickscfg to authenticate with.'),
  root_path: str('Workspace folder of the deployment (default ~/.bundle/${bundle.name}/${bundle.target}).'),
  file_path: str('Where synced files go (default ${workspace.root_path}/files).'),
  artifact_path: str('Where built artifacts go (default ${workspace.root_path}/artifacts).'),
  state_path: str('Where deployment state goes (default ${workspace.root_path}/state).'),
  resource_path: str('Where dashboards and alerts go (default ${workspace.root_path}/resources).'),
  account_id: str(),
  auth_type: str(),
  client_id: str('OAuth client id of a service principal (the secret comes from the environment).'),
  azure_client_id: str(),
  azure_environment: str(),
  azure_login_app_id: str(),
  azure_tenant_id: str(),
  azure_use_msi: bool(),
  azure_workspace_resource_id: str(),
  google_service_account: str(),
  workspace_id: str(),
  experimental_is_unified_host: hidden(bool()),
  current_user: hidden(any()),
});

const presets = obj({
  name_prefix: str('Prefix added to the names of deployed resources.'),
  tags: mapOf(str(), 'Tags added to every resource that takes tags.'),
  jobs_max_concurrent_runs: int('max_concurrent_runs for jobs that do not set it.'),
  // A plain string: the value is checked by the presets step, which reports it as an error.
  trigger_pause_status: str('PAUSED or UNPAUSED for every schedule and trigger that does not set one.'),
  pipelines_development: bool('Deploy pipelines in development mode.'),
  source_linked_deployment: bool(),
  artifacts_dynamic_version: bool(),
});

const sync = obj({
  include: arr(str(), 'Extra files to sync, even if git-ignored (globs).'),
  exclude: arr(str(), 'Files not to sync (globs).'),
  paths: arr(str(), 'Local folders to sync (default: the bundle root).'),
});

const variable = obj(
  {
    description: str(),
    default: any('Value when no other value is given; a map or list needs type: complex.'),
    type: ref('VariableType'),
    lookup: ref('VariableLookup'),
    value: hidden(any()),
  },
  { description: 'A variable, read as ${var.<name>}. Without a default or lookup it must be given a value.' },
);

const target = obj({
  default: bool('Select this target when none is named.'),
  mode: str('development or production.'),
  cluster_id: str(),
  compute_id: deprecated(str(), 'Use cluster_id.'),
  bundle: targetBundle,
  workspace: ref('Workspace'),
  variables: mapOf(ref('TargetVariable'), 'Values of variables for this target.'),
  resources: ref('Resources'),
  artifacts: mapOf(ref('Artifact')),
  sync: ref('Sync'),
  permissions: arr(ref('Permission')),
  presets: ref('Presets'),
  run_as: ref('JobRunAs'),
  git,
});

/** The bundle's own sections, variables and targets. */
export const bundleDefs: Record<string, JsonSchema> = {
  Bundle: obj(bundleProps, { required: ['name'], description: 'Name and settings of the bundle.' }),
  BundleDeployment: obj({
    fail_on_active_runs: bool('Refuse to deploy while a job of the bundle is running.'),
    lock: obj({ enabled: bool('Take the deployment lock (default: on, off in development mode).'), force: bool('Take the lock even if held.') }),
  }),
  Workspace: workspace,
  Presets: presets,
  Sync: sync,
  Permission: obj(
    { level: ref('PermissionLevel'), user_name: str(), group_name: str(), service_principal_name: str() },
    { required: ['level'], description: 'A permission for one user, group or service principal.' },
  ),
  PermissionLevel: enumOf([
    'CAN_MANAGE',
    'CAN_RESTART',
    'CAN_ATTACH_TO',
    'IS_OWNER',
    'CAN_MANAGE_RUN',
    'CAN_VIEW',
    'CAN_READ',
    'CAN_RUN',
    'CAN_EDIT',
    'CAN_USE',
    'CAN_MANAGE_STAGING_VERSIONS',
    'CAN_MANAGE_PRODUCTION_VERSIONS',
    'CAN_EDIT_METADATA',
    'CAN_VIEW_METADATA',
    'CAN_BIND',
    'CAN_QUERY',
    'CAN_MONITOR',
    'CAN_CREATE',
    'CAN_MONITOR_ONLY',
    'CAN_CREATE_APP',
  ]),
  Variable: variable,
  // "" means "not set" (a plain variable), so it is accepted; diagnostics leave it out of the list.
  VariableType: enumOf(['complex', ''], 'complex for maps and lists; leave out for strings, numbers and booleans.'),
  VariableLookup: obj(
    Object.fromEntries(lookupKinds.map((k) => [k, str(`Name of the ${k.replace(/_/g, ' ')} whose id becomes the value.`)])),
    { description: 'Resolve the value from the workspace by name. Set one field.' },
  ),
  // A target may give a variable a full definition or just its value (`name: value`, or a map
  // or list for a complex variable), so any value is accepted; `Variable` is offered to editors.
  TargetVariable: { anyOf: [ref('Variable'), any()] },
  Target: target,
  Artifact: obj({
    type: str('Kind of artifact, e.g. whl or jar.'),
    path: str('Local folder the build runs in.'),
    build: str('Command that builds the artifact.'),
    executable: str('Shell that runs the build command (bash, sh, cmd).'),
    files: arr(ref('ArtifactFile'), 'Built files to upload.'),
    dynamic_version: bool('Append a timestamp to wheel versions so each deploy installs anew.'),
  }),
  ArtifactFile: obj({ source: str('Local path or glob of the built file.') }, { required: ['source'] }),
  Experimental: obj({
    python_wheel_wrapper: bool(),
    use_legacy_run_as: bool(),
    scripts: mapOf(str(), 'Commands run at points of the deployment (preinit, predeploy, …).'),
    pydabs: deprecated(obj({ enabled: bool(), venv_path: str(), import: arr(str()) }), 'Use the top-level python section.'),
    python: ref('Python'),
    immutable_folder: bool(),
    record_deployment_history: bool(),
    skip_artifact_cleanup: bool(),
    skip_name_prefix_for_schema: bool(),
  }),
  Python: obj({
    venv_path: str(),
    resources: arr(str(), 'Python functions that define resources (not loaded by this tool).'),
    mutators: arr(str()),
  }),
  Script: obj({ content: str('Shell commands run by `bundle run <name>`.'), env: mapOf(str()) }, { required: ['content'] }),
};

/** The top-level properties of a bundle file. */
export function rootProperties(): Record<string, JsonSchema> {
  return {
    bundle: ref('Bundle'),
    include: arr(str(), 'Other configuration files to load, as paths or globs relative to the bundle root.'),
    workspace: ref('Workspace'),
    variables: mapOf(ref('Variable'), 'Variables, used as ${var.<name>}.'),
    resources: ref('Resources'),
    targets: mapOf(ref('Target'), 'Deployment targets (dev, prod, …) and what each overrides.'),
    environments: deprecated(mapOf(ref('Target')), 'Use targets.'),
    sync: ref('Sync'),
    permissions: arr(ref('Permission'), 'Permissions applied to every resource of the bundle.'),
    presets: ref('Presets'),
    run_as: ref('JobRunAs', 'Identity every job runs as, unless it sets its own.'),
    artifacts: mapOf(ref('Artifact'), 'Artifacts built and uploaded before deploy.'),
    experimental: ref('Experimental'),
    python: ref('Python'),
    scripts: mapOf(ref('Script')),
  };
}
