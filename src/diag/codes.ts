/**
 * The registry of diagnostic codes: every code the tool can emit, with a one-line description.
 * Codes are the stable contract (tests, docs, JSON output, SARIF rule ids); summaries may change.
 * Sections are per pipeline stage so each area owns a contiguous block.
 */
export const CODES = {
  // ── source/: reading and parsing files ─────────────────────────────────────────────────────
  'yaml/syntax': 'The file is not valid YAML or JSON.',
  'yaml/duplicate-key': 'A mapping defines the same key twice.',
  'yaml/alias-limit': 'Anchors and aliases expand to more nodes than the safety limit (alias bomb).',
  'yaml/too-deep': 'Nesting is deeper than the safety limit.',
  'yaml/too-large': 'The file is larger than the safety limit.',
  'yaml/binary': 'The file is binary or not UTF-8 text.',
  'yaml/multi-document': 'The file holds more than one YAML document; only the first is read.',
  'yaml/non-string-key': 'A mapping key is not a plain scalar.',
  'yaml/unsupported-tag': 'A YAML tag the bundle format does not use.',
  'io/read-failed': 'A file could not be read.',

  // ── bundle/: discovery, includes, merge, targets ───────────────────────────────────────────
  'bundle/root-not-found': 'No databricks.yml (or bundle.yml) in the directory or its parents.',
  'bundle/multiple-roots': 'More than one bundle root file in the same directory.',
  'bundle/root-env-invalid': 'DATABRICKS_BUNDLE_ROOT does not point at a directory with a root file.',
  'bundle/not-a-mapping': 'A bundle file (or a section of it) is not a mapping.',
  'bundle/include-no-match': 'An include entry that is not a glob matches no file.',
  'bundle/include-not-yaml': 'An included file is not .yml, .yaml or .json.',
  'bundle/include-absolute': 'An include entry is an absolute path.',
  'bundle/include-outside-root-file': 'include is only honoured in the root file.',
  'bundle/include-bad-glob': 'An include pattern is malformed or the root path contains glob characters.',
  'bundle/merge-conflict': 'Two files give the same key values of different kinds.',
  'bundle/duplicate-resource': 'A resource is defined in more than one file.',
  'bundle/duplicate-key': 'Two resources (or a resource and a script) share a key.',
  'bundle/key-interpolation': 'A resource key contains ${…}.',
  'bundle/name-required': 'bundle.name is not set.',
  'bundle/name-interpolation': 'bundle.name contains ${…}.',
  'bundle/environments-and-targets': 'Both environments and targets are defined.',
  'bundle/not-managed': 'A resource kind this tool loads and checks but does not deploy.',
  'bundle/python-resources': 'Python-defined resources are not loaded by this tool.',
  'bundle/undefined-resource': 'A resource is declared without a definition.',
  'bundle/reserved-field': 'A field that the deployment manages is set in configuration.',
  'bundle/terraform-only-field': 'A Terraform-only field is referenced.',
  'bundle/json-job': 'The file is a raw Jobs API job definition.',
  'cluster/single-node': 'A cluster with num_workers: 0 is not configured as single-node.',
  'cluster/wheel-runtime': 'Python wheel tasks with local libraries need Databricks Runtime 13.3 or later.',
  'target/not-found': 'The requested target does not exist.',
  'target/ambiguous': 'Several targets exist and none is selected.',
  'target/multiple-defaults': 'More than one target is marked default.',
  'target/override-failed': 'A target override could not be merged.',

  // ── variables and ${…} interpolation ───────────────────────────────────────────────────────
  'var/not-declared': 'A value is assigned to a variable that is not declared, or assigned twice.',
  'var/required': 'A variable without a default received no value.',
  'var/complex-mismatch': 'A complex variable got a scalar value, or a scalar one a complex value.',
  'var/complex-from-flag': 'A complex variable cannot be set from --var or BUNDLE_VAR_*.',
  'var/invalid-type': 'A variable type other than complex.',
  'var/lookup': 'A lookup variable: its value is resolved from the workspace at deploy time.',
  'var/overrides-file': 'The variable-overrides file is malformed.',
  'interp/unknown-reference': 'A ${…} reference names nothing.',
  'interp/cycle': 'References form a cycle.',
  'interp/too-deep': 'References nest deeper than the resolution limit.',
  'interp/workspace-prefix': 'A /Workspace prefix before ${workspace.*} paths is redundant.',
  'interp/deploy-time': 'A reference that can only be resolved at deploy time.',
  'interp/not-a-string': 'A reference embedded in a string points at a map or a list.',
  'interp/resource-cycle': 'Resources refer to each other through ${resources.…} so none can be deployed first.',

  // ── mode and presets ───────────────────────────────────────────────────────────────────────
  'mode/invalid': 'bundle.mode is neither development nor production.',
  'mode/dev-unpaused': 'Development mode cannot unpause triggers.',
  'mode/path-not-user-scoped': 'A development workspace path does not contain the user name.',
  'mode/prefix-not-user-scoped': 'A development name prefix does not contain the user name.',
  'mode/prod-root-path': 'Production targets should set workspace.root_path.',
  'mode/prod-dev-pipeline': 'Production targets cannot deploy pipelines in development mode.',
  'mode/cluster-override': 'A cluster override replaces every task compute.',
  'preset/invalid': 'A preset has an invalid value.',
  'preset/source-linked': 'source_linked_deployment only takes effect inside a Databricks workspace.',
  'run-as/identity': 'run_as must name exactly one identity.',
  'run-as/legacy-pipelines': 'The legacy run_as mode for pipelines is in use.',

  // ── local paths ────────────────────────────────────────────────────────────────────────────
  'path/not-found': 'A local path does not exist.',
  'path/outside-sync-root': 'A local path lies outside the sync root.',
  'path/not-a-notebook': 'A notebook path points at a plain file.',
  'path/not-a-file': 'A file path points at a notebook or a directory.',
  'path/not-a-directory': 'A directory path points at a file.',
  'path/notebook-extension': 'A notebook path lacks its extension.',

  // ── schema ─────────────────────────────────────────────────────────────────────────────────
  'schema/unknown-field': 'A field the schema does not define.',
  'schema/type': 'A value of the wrong type.',
  'schema/enum': 'A value outside the allowed set.',
  'schema/required': 'A required field is not set.',
  'schema/format': 'A value that breaks a format or pattern rule.',
  'schema/range': 'A value outside its allowed range or length.',
  'schema/other': 'Another schema rule.',

  // ── cron ───────────────────────────────────────────────────────────────────────────────────
  // Errors: Quartz 2.3.2 rejects the expression (Databricks would too).
  'cron/field-count': 'A Quartz expression needs 6 or 7 fields (seconds first); Unix cron has 5.',
  'cron/unix-macro': 'A Unix shorthand such as @daily, which Quartz does not know.',
  'cron/both-days': 'Day-of-month and day-of-week are both set (or both ?): exactly one must be ?.',
  'cron/question-mark': '? outside the day fields.',
  'cron/out-of-range': 'A value outside its field\'s range.',
  'cron/unix-weekday': 'Unix weekday numbers (0-6, 0 = Sunday) where Quartz counts 1-7 from Sunday.',
  'cron/bad-name': 'A month or weekday name Quartz does not know, or a name in the wrong field.',
  'cron/bad-step': 'A malformed or too large step (/n).',
  'cron/bad-special': 'L, W or # used where Quartz does not allow it.',
  'cron/year-range': 'A year range whose start is after its end.',
  'cron/syntax': 'Characters Quartz cannot read.',
  // Warnings: Quartz accepts the expression, but it almost surely does not mean what was written.
  'cron/ignored-text': 'Quartz silently ignores part of a field.',
  'cron/long-name': 'A full month or day name: Quartz reads only its first three letters.',
  'cron/magic-number': '99 (or 98 in a day field), which Quartz reads as * (or ?).',
  'cron/ignored-step': 'A step that Quartz ignores (/0, or a step after a name range).',
  'cron/extra-fields': 'Fields after the seventh, which Quartz ignores.',
  'cron/mixed-list': 'A list mixing nW or n#k with other values: Quartz uses only one of them.',
  'cron/nonstandard': 'Syntax Quartz reads in an unusual way.',
  'cron/unusable': 'Quartz accepts the expression but fails (or never returns) when computing fire times.',
  'cron/never-fires': 'The schedule has no fire time (the date never exists, or its years have passed).',
  'cron/every-second': 'The seconds field is *: the job would start every second.',
  // Time zones (schedule.timezone_id is a Java time-zone id).
  'cron/unknown-timezone': 'A time-zone id Java does not know (Quartz would silently use GMT).',
  'cron/timezone-gmt-fallback': 'A zone id java.time accepts but Quartz\'s java.util.TimeZone reads as GMT.',
  // Schedule and trigger settings of a job.
  'schedule/required': 'A required schedule or trigger field is not set.',
  'schedule/pause-status': 'pause_status is neither PAUSED nor UNPAUSED.',
  'schedule/exclusive': 'schedule, continuous, trigger and triggers that cannot be combined.',
  'trigger/variant': 'A trigger sets none or more than one of its variants.',
  'trigger/interval': 'A periodic trigger interval that is not a positive integer.',
  'trigger/unit': 'A periodic trigger unit other than MINUTES, HOURS, DAYS or WEEKS.',
  'trigger/min-seconds': 'A trigger timer below 60 seconds.',
  'trigger/table-name': 'A table name that is not catalog.schema.table.',
  'trigger/condition': 'A trigger condition outside the allowed values.',

  // ── job semantics: dag, tasks, compute, {{…}} references ───────────────────────────────────
  'dag/duplicate-task-key': 'Two tasks of one job share a task_key (the reference CLI silently merges them).',
  'job/limit': 'A job setting outside the Jobs API limits (name length, max_concurrent_runs).',
  'param/invalid-name': 'A job parameter name with characters other than letters, digits, _, - and .',
  'param/duplicate': 'Two job parameters share a name.',
  'git/reference': 'git_source names more than one of branch, tag and commit.',
  'compute/job-cluster-spec': 'A job cluster without its new_cluster specification.',
  'dag/invalid-task-key': 'A task_key is empty, longer than 100 characters, or has characters outside [A-Za-z0-9_-].',
  'dag/too-many-tasks': 'A job has more tasks than the Jobs API accepts (1000).',
  'dag/unknown-dependency': 'depends_on names a task that the job does not have.',
  'dag/self-dependency': 'A task depends on itself.',
  'dag/cycle': 'Task dependencies form a cycle.',
  'dag/outcome-not-condition': 'depends_on sets outcome, but the upstream task is not a condition task.',
  'dag/invalid-outcome': 'depends_on outcome is neither "true" nor "false".',
  'dag/run-if-without-dependencies': 'run_if is set to a non-default value on a task without dependencies.',
  'dag/run-if-never-met': 'run_if asks for failed dependencies that can never fail (disabled or condition tasks).',
  'task/no-type': 'A task sets none of the *_task fields.',
  'task/multiple-types': 'A task sets more than one *_task field.',
  'task/missing-field': 'A task type needs one of several fields and none is set.',
  'task/conflicting-fields': 'A task sets fields that exclude each other, or one without the field it needs.',
  'task/invalid-dbt-commands': 'dbt_task.commands is empty, has more than 10 entries, or an entry does not start with dbt.',
  'task/deprecated-type': 'A deprecated task type.',
  'condition/retries': 'A condition task sets retries; condition tasks are never retried.',
  'condition/non-numeric-operand': 'A numeric comparison has a literal operand that is not a number.',
  'foreach/invalid-inputs': 'for_each_task.inputs is neither a JSON array nor a {{…}} reference.',
  'foreach/invalid-concurrency': 'for_each_task.concurrency is outside 1..100.',
  'foreach/nested-for-each': 'The task inside a for_each_task is itself a for_each_task.',
  'foreach/retries-on-parent': 'Retries are set on a for_each_task; they belong on its nested task.',
  'run-job/invalid-job-id': 'run_job_task.job_id is neither an integer nor ${resources.jobs.<key>.id}.',
  'run-job/unknown-job': 'run_job_task.job_id references a job that the bundle does not define.',
  'run-job/cycle': 'run_job_task references between jobs form a cycle.',
  'compute/unknown-job-cluster': 'job_cluster_key names no entry of job_clusters.',
  'compute/unknown-environment': 'environment_key names no entry of environments.',
  'compute/duplicate-key': 'Two job_clusters or environments entries share a key.',
  'compute/missing': 'A task type that needs compute has no cluster and no environment.',
  'compute/not-allowed': 'A task type that takes no compute sets a compute field.',
  'compute/conflicting': 'A task sets more than one compute field.',
  'compute/libraries-not-allowed': 'libraries where no cluster installs them (serverless, environment, no-compute task, job_clusters).',
  'compute/spark-submit-cluster': 'A spark_submit_task runs on something other than new_cluster.',
  'ref/malformed': 'Text that looks like a {{…}} reference but is not one (braces, spaces, unquoted characters).',
  'ref/unknown-namespace': 'A {{…}} reference with a misspelt namespace; the service would keep it as literal text.',
  'ref/unknown-member': 'A {{…}} reference names a member that its namespace does not have.',
  'ref/deprecated': 'A deprecated flat {{…}} reference; use its replacement.',
  'ref/unknown-job-parameter': '{{job.parameters.<name>}} names a parameter that the job does not define.',
  'ref/unknown-task': '{{tasks.<key>…}} names a task that the job does not have.',
  'ref/not-upstream': '{{tasks.<key>…}} names a task that does not run before this one.',
  'ref/out-of-context': 'A {{…}} reference that is not available where it is used ({{input}} outside for-each, task refs in job parameters).',
  'ref/secret-not-allowed': 'A {{secrets/…}} reference in a task parameter, where it is passed as literal text.',

  // ── remote: the workspace client ───────────────────────────────────────────────────────────
  'remote/api-error': 'The workspace answered a request with an error.',
  'remote/auth-failed': 'The workspace (or its token endpoint) refused the credentials.',
  'remote/auth-config': 'No usable credentials or host could be resolved (env, profile, bundle).',
  'remote/network': 'The workspace could not be reached, or the connection was lost.',
  'remote/retries-exhausted': 'A request kept failing and the retry budget ran out.',

  // ── local: the embedded workspace ──────────────────────────────────────────────────────────
  'local/data-dir-locked': 'Another local workspace server uses the data directory.',
  'local/non-loopback-bind': 'The local workspace was asked to listen on a non-loopback address.',
  'local/bad-fault-spec': 'The fault-injection rules (JOBS_LOCAL_FAULTS) are malformed.',

  // ── engine: runs executed by the embedded workspace ────────────────────────────────────────

  // ── deploy: plan, deploy, destroy ──────────────────────────────────────────────────────────
  'deploy/unsupported-reference': 'A job refers to a resource this tool does not deploy (pipelines, clusters…), so its value is unknown.',
  'deploy/unknown-job-reference': '${resources.jobs.<key>.id} names a job that is neither deployed nor part of this deploy (see --select).',
  'deploy/lookup-unsupported': 'A lookup variable of a kind this tool cannot look up in the workspace.',
  'deploy/lookup-failed': 'A lookup variable matched no object, or more than one.',
  'deploy/tag-limit': 'A job already has 25 tags, so the adoption tag cannot be added.',
  'deploy/duplicate-tagged-jobs': 'Several workspace jobs carry the same bundle/target/key tag.',
  'deploy/unknown-select': '--select names a job that the bundle does not define and the state does not hold.',
  'deploy/state-unreadable': 'A deployment state, snapshot or lock file could not be parsed.',
  'deploy/sync-skipped': 'A file under the sync paths is not uploaded (symlink leaving the sync root, special file).',
  'deploy/file-too-large': 'A file is larger than the 10 MB the Workspace API imports.',
  'deploy/library-not-found': 'A local wheel or jar path matches no file.',

  // ── run: run, repair, runs ─────────────────────────────────────────────────────────────────

  // ── tool configuration and command line ────────────────────────────────────────────────────
  'config/invalid': 'The tool configuration file (.jobsrc, jobs.config.*) is invalid.',
  'cli/usage': 'The command line is invalid.',
} as const;

export type DiagCode = keyof typeof CODES;

/** One-line description of a code, for SARIF rules and `--help` output. */
export function describeCode(code: DiagCode): string {
  return CODES[code];
}
