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
  'target/not-found': 'The requested target does not exist.',
  'target/ambiguous': 'Several targets exist and none is selected.',
  'target/multiple-defaults': 'More than one target is marked default.',
  'target/override-failed': 'A target override could not be merged.',

  // ── variables and ${…} interpolation ───────────────────────────────────────────────────────
  'var/not-declared': 'A value is assigned to a variable that is not declared.',
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

  // ── job semantics: dag, tasks, compute, {{…}} references ───────────────────────────────────
  'dag/duplicate-task-key': 'Two tasks of one job share a task_key (the reference CLI silently merges them).',

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

  // ── deploy: plan, deploy, destroy ──────────────────────────────────────────────────────────

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
