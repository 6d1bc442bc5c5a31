/**
 * The Task object of JobSettings and its twenty task types. A task picks its type by which
 * `*_task` field is present; "exactly one" is a semantic check (validate/), not a schema rule,
 * so that each mistake gets its own precise diagnostic instead of a `oneOf` failure.
 */
import { arr, bool, deprecated, enumOf, hidden, int, mapOf, obj, ref, str, type JsonSchema } from '../dsl.js';

const params = (what?: string) => arr(str(), what);
const keyValues = (what?: string) => mapOf(str(), what);
const subscriber = obj({ destination_id: str('Notification destination id.'), user_name: str('Workspace user e-mail.') });

/** Enums used by tasks. */
export const taskEnums: Record<string, JsonSchema> = {
  RunIf: enumOf(
    ['ALL_SUCCESS', 'ALL_DONE', 'NONE_FAILED', 'AT_LEAST_ONE_SUCCESS', 'ALL_FAILED', 'AT_LEAST_ONE_FAILED'],
    'When the task runs, given how its dependencies ended. Default ALL_SUCCESS.',
  ),
  Source: enumOf(['WORKSPACE', 'GIT'], 'Where the file is read from: the workspace, or the job’s git_source.'),
  ConditionTaskOp: enumOf(
    ['EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'NOT_EQUAL'],
    'EQUAL_TO and NOT_EQUAL compare strings; the others compare numbers.',
  ),
  AuthenticationMethod: enumOf(['OAUTH', 'PAT']),
  StorageMode: enumOf(['DIRECT_QUERY', 'IMPORT', 'DUAL']),
  ComputeSpecAcceleratorType: enumOf(['GPU_1xA10', 'GPU_1xH100', 'GPU_8xH100']),
};

const taskProps: Record<string, JsonSchema> = {
  task_key: str('Unique name of the task within the job; other tasks depend on it by this key.'),
  description: str(),
  depends_on: arr(ref('TaskDependency'), 'Tasks that must finish before this one starts.'),
  run_if: ref('RunIf'),
  disabled: bool('Skip this task in every run.'),
  // Compute: at most one of the four; none means serverless (notebook tasks) or no compute.
  existing_cluster_id: str('Run on this all-purpose cluster.'),
  new_cluster: ref('ClusterSpec', 'Create a cluster for each run of this task.'),
  job_cluster_key: str('Run on the job cluster with this key (see job_clusters).'),
  environment_key: str('Run on serverless compute with this environment (see environments).'),
  compute: ref('TaskCompute'),
  disable_auto_optimization: bool('Turn off serverless auto-optimization (retries) for this task.'),
  libraries: arr(ref('Library'), 'Libraries to install on the task’s cluster (classic compute).'),
  max_retries: int('Retries after a failed run: -1 = forever, 0 = never (default).'),
  min_retry_interval_millis: int('Minimum wait between the start of a failed attempt and its retry.'),
  retry_on_timeout: bool('Also retry when the task timed out.'),
  timeout_seconds: int('Timeout of each attempt; 0 = none.'),
  health: ref('JobsHealthRules'),
  email_notifications: ref('TaskEmailNotifications'),
  webhook_notifications: ref('WebhookNotifications'),
  notification_settings: ref('TaskNotificationSettings'),
  // Task types: exactly one per task.
  notebook_task: ref('NotebookTask'),
  spark_python_task: ref('SparkPythonTask'),
  python_wheel_task: ref('PythonWheelTask'),
  spark_jar_task: ref('SparkJarTask'),
  spark_submit_task: deprecated(ref('SparkSubmitTask'), 'Legacy task type; use spark_jar_task or spark_python_task.'),
  sql_task: ref('SqlTask'),
  dbt_task: ref('DbtTask'),
  pipeline_task: ref('PipelineTask'),
  run_job_task: ref('RunJobTask'),
  condition_task: ref('ConditionTask'),
  for_each_task: ref('ForEachTask'),
  dashboard_task: ref('DashboardTask'),
  alert_task: ref('AlertTask'),
  power_bi_task: ref('PowerBiTask'),
  clean_rooms_notebook_task: ref('CleanRoomsNotebookTask'),
  ai_runtime_task: ref('AiRuntimeTask'),
  dbt_platform_task: hidden(ref('DbtPlatformTask')),
  dbt_cloud_task: hidden(deprecated(ref('DbtCloudTask'), 'Use dbt_platform_task.')),
  gen_ai_compute_task: hidden(ref('GenAiComputeTask')),
  python_operator_task: hidden(ref('PythonOperatorTask')),
};

/** Task and the payload of each task type. */
export const taskDefs: Record<string, JsonSchema> = {
  ...taskEnums,
  Task: obj(taskProps, { required: ['task_key'], description: 'One unit of work in the job’s DAG.' }),
  TaskDependency: obj(
    {
      task_key: str('The task this one waits for.'),
      outcome: str('Only after a condition_task: run when it evaluated to "true" or "false".'),
    },
    { required: ['task_key'] },
  ),
  TaskCompute: obj({ hardware_accelerator: ref('HardwareAcceleratorType') }, { description: 'Serverless GPU compute for the task.' }),
  NotebookTask: obj(
    {
      notebook_path: str('Notebook to run: a workspace path, or a path relative to the repository when source is GIT.'),
      base_parameters: keyValues('Widget values for each run; run-now notebook_params override them.'),
      source: ref('Source'),
      warehouse_id: str('Run the notebook’s SQL cells on this SQL warehouse.'),
    },
    { required: ['notebook_path'] },
  ),
  SparkPythonTask: obj(
    { python_file: str('Python file to run (workspace, cloud URI or repository path).'), parameters: params('Command-line arguments.'), source: ref('Source') },
    { required: ['python_file'] },
  ),
  PythonWheelTask: obj(
    {
      package_name: str('Name of the wheel’s package.'),
      entry_point: str('Entry point of the package to call.'),
      parameters: params('Command-line arguments (not with named_parameters).'),
      named_parameters: keyValues('Arguments passed as --key=value (not with parameters).'),
    },
    { required: ['entry_point', 'package_name'] },
  ),
  SparkJarTask: obj({
    main_class_name: str('Class whose main method runs; the JAR comes from libraries.'),
    parameters: params('Arguments of the main method.'),
    jar_uri: deprecated(str(), 'Put the JAR in libraries instead.'),
    run_as_repl: deprecated(bool()),
  }),
  SparkSubmitTask: obj({ parameters: params('spark-submit arguments.') }),
  SqlTask: obj(
    {
      warehouse_id: str('SQL warehouse that runs the task.'),
      query: obj({ query_id: str() }, { required: ['query_id'] }),
      dashboard: obj(
        { dashboard_id: str(), custom_subject: str(), pause_subscriptions: bool(), subscriptions: arr(ref('SqlTaskSubscription')) },
        { required: ['dashboard_id'] },
      ),
      alert: obj({ alert_id: str(), pause_subscriptions: bool(), subscriptions: arr(ref('SqlTaskSubscription')) }, { required: ['alert_id'] }),
      file: obj({ path: str('SQL file to run.'), source: ref('Source') }, { required: ['path'] }),
      parameters: keyValues('Values of the query’s named parameters.'),
    },
    { required: ['warehouse_id'], description: 'Run a query or SQL file, or refresh a legacy dashboard or alert. Set exactly one of query, dashboard, alert, file.' },
  ),
  SqlTaskSubscription: subscriber,
  DbtTask: obj(
    {
      commands: arr(str(), 'dbt commands to run in order, each starting with "dbt".'),
      project_directory: str(),
      profiles_directory: str('Only without warehouse_id.'),
      warehouse_id: str(),
      catalog: str('Only with warehouse_id.'),
      schema: str('Only with warehouse_id; default "default".'),
      source: ref('Source'),
    },
    { required: ['commands'] },
  ),
  PipelineTask: obj(
    {
      pipeline_id: str('Pipeline to update, e.g. ${resources.pipelines.my_pipeline.id}.'),
      full_refresh: bool('Recompute all tables from scratch.'),
      full_refresh_selection: arr(str()),
      refresh_selection: arr(str()),
      refresh_flow_selection: arr(str()),
      reset_checkpoint_selection: arr(str()),
      parameters: keyValues('Pipeline parameters for this update.'),
    },
    { required: ['pipeline_id'] },
  ),
  RunJobTask: obj(
    {
      job_id: int('Job to trigger, e.g. ${resources.jobs.other.id}.'),
      job_parameters: keyValues('Job parameters of the triggered run.'),
      pipeline_params: ref('PipelineParams'),
      notebook_params: hidden(deprecated(keyValues(), 'Use job_parameters.')),
      python_params: hidden(deprecated(params(), 'Use job_parameters.')),
      python_named_params: hidden(deprecated(keyValues(), 'Use job_parameters.')),
      jar_params: hidden(deprecated(params(), 'Use job_parameters.')),
      spark_submit_params: hidden(deprecated(params(), 'Use job_parameters.')),
      sql_params: hidden(deprecated(keyValues(), 'Use job_parameters.')),
      dbt_commands: hidden(deprecated(params(), 'Use job_parameters.')),
    },
    { required: ['job_id'] },
  ),
  PipelineParams: obj({
    full_refresh: bool(),
    full_refresh_selection: arr(str()),
    refresh_selection: arr(str()),
    refresh_flow_selection: arr(str()),
    reset_checkpoint_selection: arr(str()),
  }),
  ConditionTask: obj(
    { left: str('Left operand; may be a {{…}} reference.'), op: ref('ConditionTaskOp'), right: str('Right operand; may be a {{…}} reference.') },
    { required: ['left', 'op', 'right'], description: 'Evaluates a condition; downstream tasks pick a branch with depends_on[].outcome.' },
  ),
  ForEachTask: obj(
    {
      inputs: str('JSON array to iterate over, or a {{…}} reference to one.'),
      task: ref('Task', 'The task run once per input; it reads the element as {{input}}.'),
      concurrency: int('How many iterations run at once (default 1).'),
    },
    { required: ['inputs', 'task'] },
  ),
  DashboardTask: obj({
    dashboard_id: str(),
    warehouse_id: str(),
    subscription: obj({ custom_subject: str(), paused: bool(), subscribers: arr(subscriber) }),
    filters: hidden(keyValues()),
  }),
  AlertTask: obj({
    alert_id: str('Alert to evaluate (or workspace_path).'),
    workspace_path: str('Workspace path of the alert file (or alert_id).'),
    warehouse_id: str(),
    subscribers: arr(subscriber),
  }),
  PowerBiTask: obj({
    connection_resource_name: str(),
    power_bi_model: obj({
      authentication_method: ref('AuthenticationMethod'),
      model_name: str(),
      overwrite_existing: bool(),
      storage_mode: ref('StorageMode'),
      workspace_name: str(),
    }),
    refresh_after_update: bool(),
    tables: arr(obj({ catalog: str(), name: str(), schema: str(), storage_mode: ref('StorageMode') })),
    warehouse_id: str(),
  }),
  CleanRoomsNotebookTask: obj(
    { clean_room_name: str(), notebook_name: str(), notebook_base_parameters: keyValues(), etag: str() },
    { required: ['clean_room_name', 'notebook_name'] },
  ),
  AiRuntimeTask: obj(
    {
      deployments: arr(
        obj(
          {
            command_path: str(),
            compute: obj({ accelerator_count: int(), accelerator_type: ref('ComputeSpecAcceleratorType') }, { required: ['accelerator_count', 'accelerator_type'] }),
            name: str(),
          },
          { required: ['command_path', 'compute'] },
        ),
      ),
      experiment: str('MLflow experiment of the run.'),
      docker_image_url: str(),
      mlflow_experiment_directory: str(),
      mlflow_run: str(),
      code_source_path: hidden(str()),
      mlflow_artifact_location: hidden(str()),
    },
    { required: ['deployments', 'experiment'] },
  ),
  DbtPlatformTask: obj({ connection_resource_name: str(), dbt_platform_job_id: str() }),
  DbtCloudTask: obj({ connection_resource_name: str(), dbt_cloud_job_id: int() }),
  GenAiComputeTask: obj(
    {
      dl_runtime_image: str(),
      command: str(),
      compute: obj({ gpu_node_pool_id: str(), gpu_type: str(), num_gpus: int() }, { required: ['num_gpus'] }),
      mlflow_experiment_name: str(),
      source: ref('Source'),
      training_script_path: str(),
      yaml_parameters: str(),
      yaml_parameters_file_path: str(),
    },
    { required: ['dl_runtime_image'] },
  ),
  PythonOperatorTask: obj({ main: str(), parameters: arr(obj({ name: str(), value: str() })) }),
};
