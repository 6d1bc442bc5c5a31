/**
 * JobSettings (the body of jobs/create, `new_settings` of jobs/reset) and the bundle's Job
 * (`resources.jobs.<key>`), which adds the bundle-only fields and tolerates the read-only keys
 * that deployments write back. Field list from ../shared/reference/job-settings.md.
 */
import { arr, bool, deprecated, enumOf, hidden, int, mapOf, obj, propsOf, ref, str, type JsonSchema } from '../dsl.js';

const emails = (when: string) => arr(str(), `E-mail addresses notified ${when}.`);
const webhooks = (when: string) => arr(ref('Webhook'), `Notification destinations called ${when}.`);
const timers = {
  min_time_between_triggers_seconds: int('Minimum time between two runs started by this trigger.'),
  wait_after_last_change_seconds: int('Wait this long without further changes before starting a run.'),
};

/** Enums used at job level (schedules, triggers, health, permissions, git). */
export const jobEnums: Record<string, JsonSchema> = {
  PauseStatus: enumOf(['UNPAUSED', 'PAUSED']),
  TaskRetryMode: enumOf(['NEVER', 'ON_FAILURE'], 'Whether a continuous job retries failed tasks.'),
  GitProvider: enumOf(['gitHub', 'bitbucketCloud', 'azureDevOpsServices', 'gitHubEnterprise', 'bitbucketServer', 'gitLab', 'gitLabEnterpriseEdition', 'awsCodeCommit']),
  JobEditMode: enumOf(['UI_LOCKED', 'EDITABLE'], 'UI_LOCKED: the job can only be changed through deployments.'),
  JobFormat: enumOf(['SINGLE_TASK', 'MULTI_TASK']),
  JobDeploymentKind: enumOf(['BUNDLE', 'SYSTEM_MANAGED']),
  PerformanceTarget: enumOf(['PERFORMANCE_OPTIMIZED', 'STANDARD'], 'Serverless only: trade start-up speed for cost.'),
  PeriodicUnit: enumOf(['HOURS', 'DAYS', 'WEEKS', 'MINUTES']),
  TableUpdateCondition: enumOf(['ANY_UPDATED', 'ALL_UPDATED']),
  ModelTriggerCondition: enumOf(['MODEL_CREATED', 'MODEL_VERSION_READY', 'MODEL_ALIAS_SET']),
  SqlConditionTriggerMode: enumOf(['QUERY_RETURNS_ROWS', 'RESULT_VALUE_CHANGES']),
  JobsHealthMetric: enumOf(['RUN_DURATION_SECONDS', 'STREAMING_BACKLOG_BYTES', 'STREAMING_BACKLOG_RECORDS', 'STREAMING_BACKLOG_SECONDS', 'STREAMING_BACKLOG_FILES']),
  JobsHealthOperator: enumOf(['GREATER_THAN']),
  JobPermissionLevel: enumOf(['CAN_MANAGE', 'IS_OWNER', 'CAN_MANAGE_RUN', 'CAN_VIEW']),
  JobSourceDirtyState: enumOf(['NOT_SYNCED', 'DISCONNECTED']),
};

const jobSettings = obj(
  {
    name: str('Display name of the job (not unique). Default "Untitled".'),
    description: str(),
    tags: mapOf(str(), 'Tags of the job, also applied to its job clusters.'),
    tasks: arr(ref('Task'), 'The tasks of the job.'),
    job_clusters: arr(ref('JobCluster'), 'Clusters shared by tasks through job_cluster_key.'),
    environments: arr(ref('JobEnvironment'), 'Serverless environments used by tasks through environment_key.'),
    parameters: arr(ref('JobParameterDefinition'), 'Job parameters, read by tasks as {{job.parameters.<name>}}.'),
    schedule: ref('CronSchedule'),
    trigger: ref('TriggerSettings'),
    triggers: arr(ref('TriggerConfiguration'), 'Several triggers (beta); not with schedule, trigger or continuous.'),
    continuous: ref('Continuous'),
    email_notifications: ref('JobEmailNotifications'),
    webhook_notifications: ref('WebhookNotifications'),
    notification_settings: ref('JobNotificationSettings'),
    health: ref('JobsHealthRules'),
    timeout_seconds: int('Timeout of each run; 0 = none.'),
    max_concurrent_runs: int('How many runs may be active at once (default 1).'),
    queue: ref('QueueSettings'),
    run_as: ref('JobRunAs'),
    git_source: ref('GitSource'),
    performance_target: ref('PerformanceTarget'),
    budget_policy_id: str('Budget policy used to attribute the job’s cost.'),
    usage_policy_id: hidden(str()),
    parent_path: hidden(str('Workspace folder of the job.')),
    // Written by deployments; a bundle may set kind: BUNDLE but not the ids (validate/ checks that).
    deployment: hidden(ref('JobDeployment')),
    edit_mode: hidden(ref('JobEditMode')),
    format: hidden(ref('JobFormat')),
  },
  { description: 'Settings of a job, as the Jobs API 2.2 takes them in jobs/create and jobs/reset.' },
);

/** JobSettings, Job, CreateJob and the objects they hold. */
export const jobDefs: Record<string, JsonSchema> = {
  ...jobEnums,
  JobSettings: jobSettings,
  Job: obj(
    {
      ...propsOf(jobSettings),
      permissions: arr(ref('JobPermission'), 'Who may view, run or manage the job; applied after each deploy.'),
      lifecycle: ref('Lifecycle'),
      // Read-only keys the reference CLI accepts in configuration (and ignores).
      id: hidden(str()),
      url: hidden(str()),
      modified_status: hidden(str()),
    },
    { description: 'A job defined by the bundle: its settings plus permissions and lifecycle.' },
  ),
  CreateJob: obj(
    { ...propsOf(jobSettings), access_control_list: arr(ref('JobAccessControlRequest'), 'Initial permissions of the new job.') },
    { description: 'The body of jobs/create: JobSettings plus an initial access control list.' },
  ),
  JobAccessControlRequest: obj({ user_name: str(), group_name: str(), service_principal_name: str(), permission_level: ref('JobPermissionLevel') }),
  JobPermission: obj(
    { level: ref('JobPermissionLevel'), user_name: str(), group_name: str(), service_principal_name: str() },
    { required: ['level'], description: 'A permission level for one user, group or service principal.' },
  ),
  Lifecycle: obj({ prevent_destroy: bool('Refuse to destroy or recreate this resource.') }),
  JobCluster: obj(
    {
      job_cluster_key: str('Name tasks use in job_cluster_key.'),
      new_cluster: ref('ClusterSpec'),
      serverless_compute_id: hidden(str()),
    },
    { required: ['job_cluster_key'] },
  ),
  JobEnvironment: obj({ environment_key: str('Name tasks use in environment_key.'), spec: ref('Environment') }, { required: ['environment_key'] }),
  JobParameterDefinition: obj(
    { name: str('Parameter name: letters, digits, _ - and .'), default: str('Default value; run-now job_parameters override it.') },
    { required: ['default', 'name'] },
  ),
  CronSchedule: obj(
    {
      quartz_cron_expression: str('Quartz cron expression with a seconds field, e.g. "0 0 6 * * ?".'),
      timezone_id: str('Java time zone id, e.g. Europe/Amsterdam or UTC.'),
      pause_status: ref('PauseStatus'),
      sql_condition: hidden(ref('SqlConditionConfiguration')),
    },
    { required: ['quartz_cron_expression', 'timezone_id'] },
  ),
  Continuous: obj({ pause_status: ref('PauseStatus'), task_retry_mode: ref('TaskRetryMode') }, { description: 'Keep one run active at all times.' }),
  TriggerSettings: obj(
    {
      pause_status: ref('PauseStatus'),
      periodic: ref('PeriodicTriggerConfiguration'),
      file_arrival: ref('FileArrivalTriggerConfiguration'),
      table_update: ref('TableUpdateTriggerConfiguration'),
      model: hidden(ref('ModelTriggerConfiguration')),
      sql_condition: hidden(ref('SqlConditionConfiguration')),
    },
    { description: 'Start runs on an event: periodically, on file arrival or on table updates. Set one kind.' },
  ),
  TriggerConfiguration: obj({
    pause_status: ref('PauseStatus'),
    periodic: ref('PeriodicTriggerConfiguration'),
    schedule: obj({ quartz_cron_expression: str(), timezone_id: str() }, { required: ['quartz_cron_expression', 'timezone_id'] }),
    continuous: obj({ task_retry_mode: ref('TaskRetryMode') }),
    file_arrival: ref('FileArrivalTriggerConfiguration'),
    table_update: ref('TableUpdateTriggerConfiguration'),
    model: hidden(ref('ModelTriggerConfiguration')),
    sql_condition: hidden(ref('SqlConditionConfiguration')),
  }),
  PeriodicTriggerConfiguration: obj({ interval: int(), unit: ref('PeriodicUnit') }, { required: ['interval', 'unit'] }),
  FileArrivalTriggerConfiguration: obj({ url: str('Storage location (external location or volume path) to watch.'), ...timers }, { required: ['url'] }),
  TableUpdateTriggerConfiguration: obj(
    { table_names: arr(str(), 'Tables to watch, as catalog.schema.table.'), condition: ref('TableUpdateCondition'), ...timers },
    { required: ['table_names'] },
  ),
  ModelTriggerConfiguration: obj(
    { condition: ref('ModelTriggerCondition'), aliases: arr(str()), securable_name: str(), ...timers },
    { required: ['condition'] },
  ),
  SqlConditionConfiguration: obj(
    { sql_query_id: str(), warehouse_id: str(), trigger_mode: ref('SqlConditionTriggerMode') },
    { required: ['sql_query_id', 'warehouse_id'] },
  ),
  JobEmailNotifications: obj({
    on_start: emails('when a run starts'),
    on_success: emails('when a run succeeds'),
    on_failure: emails('when a run fails or times out'),
    on_duration_warning_threshold_exceeded: emails('when a run exceeds its RUN_DURATION_SECONDS health rule'),
    on_streaming_backlog_exceeded: emails('when a streaming backlog rule is exceeded'),
    no_alert_for_skipped_runs: deprecated(bool(), 'Use notification_settings.no_alert_for_skipped_runs.'),
  }),
  TaskEmailNotifications: obj({
    on_start: emails('when the task starts'),
    on_success: emails('when the task succeeds'),
    on_failure: emails('when the task fails or times out'),
    on_duration_warning_threshold_exceeded: emails('when the task exceeds its RUN_DURATION_SECONDS health rule'),
    on_streaming_backlog_exceeded: emails('when a streaming backlog rule is exceeded'),
    no_alert_for_skipped_runs: deprecated(bool(), 'Use notification_settings.no_alert_for_skipped_runs.'),
  }),
  WebhookNotifications: obj({
    on_start: webhooks('when a run starts'),
    on_success: webhooks('when a run succeeds'),
    on_failure: webhooks('when a run fails'),
    on_duration_warning_threshold_exceeded: webhooks('when a run exceeds its duration health rule'),
    on_streaming_backlog_exceeded: webhooks('when a streaming backlog rule is exceeded'),
  }),
  Webhook: obj({ id: str('Notification destination id.') }, { required: ['id'] }),
  JobNotificationSettings: obj({ no_alert_for_canceled_runs: bool(), no_alert_for_skipped_runs: bool() }),
  TaskNotificationSettings: obj({
    alert_on_last_attempt: bool('Notify on_start and on_failure only for the first and the last attempt.'),
    no_alert_for_canceled_runs: bool(),
    no_alert_for_skipped_runs: bool(),
  }),
  JobsHealthRules: obj({ rules: arr(ref('JobsHealthRule')) }, { description: 'Thresholds that raise health notifications.' }),
  JobsHealthRule: obj({ metric: ref('JobsHealthMetric'), op: ref('JobsHealthOperator'), value: int('Threshold.') }, { required: ['metric', 'op', 'value'] }),
  QueueSettings: obj({ enabled: bool('Queue runs that cannot start yet instead of skipping them.') }, { required: ['enabled'] }),
  JobRunAs: obj(
    { user_name: str('E-mail of a workspace user.'), service_principal_name: str('Application id of a service principal.'), group_name: hidden(str()) },
    { description: 'The identity runs execute as. Set exactly one field.' },
  ),
  GitSource: obj(
    {
      git_url: str('URL of the repository.'),
      git_provider: ref('GitProvider'),
      git_branch: str(),
      git_tag: str(),
      git_commit: str(),
      sparse_checkout: obj({ patterns: arr(str()) }),
      job_source: hidden(
        obj({ job_config_path: str(), import_from_git_branch: str(), dirty_state: ref('JobSourceDirtyState') }, { required: ['import_from_git_branch', 'job_config_path'] }),
      ),
      // Returned by jobs/get; tolerated so a settings object read back can be written again.
      git_snapshot: hidden(obj({ used_commit: str() })),
    },
    { required: ['git_provider', 'git_url'], description: 'Repository that tasks with source GIT read from. Set one of branch, tag, commit.' },
  ),
  JobDeployment: obj(
    { kind: ref('JobDeploymentKind'), metadata_file_path: str(), deployment_id: str(), version_id: str() },
    { required: ['kind'] },
  ),
};
