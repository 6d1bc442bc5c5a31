/**
 * Compute definitions shared by job clusters, task clusters and the `clusters` resource:
 * the Clusters API ClusterSpec, libraries and serverless environments.
 */
import { arr, bool, deprecated, enumOf, hidden, int, mapOf, num, obj, ref, str, type JsonSchema } from '../dsl.js';

const destination = (what: string) => obj({ destination: str(what) }, { required: ['destination'] });

/** Enums of the Clusters API used by job and task clusters. */
export const computeEnums: Record<string, JsonSchema> = {
  DataSecurityMode: enumOf(
    [
      'NONE',
      'SINGLE_USER',
      'USER_ISOLATION',
      'LEGACY_TABLE_ACL',
      'LEGACY_PASSTHROUGH',
      'LEGACY_SINGLE_USER',
      'LEGACY_SINGLE_USER_STANDARD',
      'DATA_SECURITY_MODE_STANDARD',
      'DATA_SECURITY_MODE_DEDICATED',
      'DATA_SECURITY_MODE_AUTO',
    ],
    'Data governance model of the cluster (Unity Catalog access mode).',
  ),
  DependencyMode: enumOf(['DEPENDENCY_MODE_ENVIRONMENTS', 'DEPENDENCY_MODE_CLUSTER_LIBRARIES', 'DEPENDENCY_MODE_AUTO']),
  RuntimeEngine: enumOf(['NULL', 'STANDARD', 'PHOTON'], 'Runtime engine: STANDARD or PHOTON.'),
  ClusterKind: enumOf(['CLASSIC_PREVIEW']),
  AwsAvailability: enumOf(['SPOT', 'ON_DEMAND', 'SPOT_WITH_FALLBACK']),
  AzureAvailability: enumOf(['SPOT_AZURE', 'ON_DEMAND_AZURE', 'SPOT_WITH_FALLBACK_AZURE']),
  GcpAvailability: enumOf(['PREEMPTIBLE_GCP', 'ON_DEMAND_GCP', 'PREEMPTIBLE_WITH_FALLBACK_GCP']),
  EbsVolumeType: enumOf(['GENERAL_PURPOSE_SSD', 'THROUGHPUT_OPTIMIZED_HDD']),
  ConfidentialComputeType: enumOf(['CONFIDENTIAL_COMPUTE_TYPE_NONE', 'SEV_SNP']),
  HardwareAcceleratorType: enumOf(['GPU_1xA10', 'GPU_8xH100']),
};

/** Fields of a cluster specification, reused by the `clusters` resource. */
export const clusterSpecProps: Record<string, JsonSchema> = {
  apply_policy_default_values: bool('Use the policy’s fixed and default values for fields left out.'),
  autoscale: ref('AutoScale', 'Scale between min_workers and max_workers instead of a fixed num_workers.'),
  autotermination_minutes: int('Terminate the cluster after this many idle minutes (0 = never).'),
  aws_attributes: ref('AwsAttributes'),
  azure_attributes: ref('AzureAttributes'),
  cluster_log_conf: ref('ClusterLogConf', 'Where to deliver Spark driver and worker logs.'),
  cluster_name: str('Display name of the cluster.'),
  custom_tags: mapOf(str(), 'Extra tags on the cloud resources of the cluster.'),
  data_security_mode: ref('DataSecurityMode'),
  dependency_mode: ref('DependencyMode'),
  docker_image: ref('DockerImage'),
  driver_instance_pool_id: str('Instance pool for the driver (defaults to instance_pool_id).'),
  driver_node_type_flexibility: ref('NodeTypeFlexibility'),
  driver_node_type_id: str('Node type of the driver (defaults to node_type_id).'),
  enable_elastic_disk: bool('Grow local disk when workers run low.'),
  enable_local_disk_encryption: bool(),
  gcp_attributes: ref('GcpAttributes'),
  init_scripts: arr(ref('InitScriptInfo'), 'Scripts run on every node at start-up, in order.'),
  instance_pool_id: str('Instance pool the cluster takes its nodes from.'),
  is_single_node: bool('Single-node cluster (only with kind CLASSIC_PREVIEW).'),
  kind: ref('ClusterKind'),
  node_type_id: str('Cloud node type of the workers, e.g. i3.xlarge.'),
  num_workers: int('Fixed number of workers (0 = driver only).'),
  policy_id: str('Cluster policy applied to this cluster.'),
  remote_disk_throughput: int(),
  runtime_engine: ref('RuntimeEngine'),
  single_user_name: str('The user allowed to use the cluster in SINGLE_USER mode.'),
  spark_conf: mapOf(str(), 'Spark configuration key/value pairs.'),
  spark_env_vars: mapOf(str(), 'Environment variables for the Spark processes.'),
  spark_version: str('Databricks Runtime version, e.g. 15.4.x-scala2.12.'),
  ssh_public_keys: arr(str()),
  total_initial_remote_disk_size: int(),
  use_ml_runtime: bool('Use the ML flavour of the runtime (only with kind CLASSIC_PREVIEW).'),
  worker_node_type_flexibility: ref('NodeTypeFlexibility'),
  workload_type: ref('WorkloadType'),
};

/** Cluster, library and environment definitions. */
export const computeDefs: Record<string, JsonSchema> = {
  ...computeEnums,
  ClusterSpec: obj(clusterSpecProps, { description: 'A cluster created for the run and terminated after it.' }),
  AutoScale: obj({ max_workers: int(), min_workers: int() }),
  AwsAttributes: obj({
    availability: ref('AwsAvailability'),
    ebs_volume_count: int(),
    ebs_volume_iops: int(),
    ebs_volume_size: int(),
    ebs_volume_throughput: int(),
    ebs_volume_type: ref('EbsVolumeType'),
    first_on_demand: int('How many nodes (driver first) are on-demand before spot is used.'),
    instance_profile_arn: str(),
    spot_bid_price_percent: int(),
    zone_id: str(),
  }),
  AzureAttributes: obj({
    availability: ref('AzureAvailability'),
    capacity_reservation_group: str(),
    first_on_demand: int(),
    log_analytics_info: obj({ log_analytics_primary_key: str(), log_analytics_workspace_id: str() }),
    spot_bid_max_price: num(),
  }),
  GcpAttributes: obj({
    availability: ref('GcpAvailability'),
    boot_disk_size: int(),
    confidential_compute_type: hidden(ref('ConfidentialComputeType')),
    first_on_demand: int(),
    google_service_account: str(),
    local_ssd_count: int(),
    use_preemptible_executors: deprecated(bool(), 'Use availability instead.'),
    zone_id: str(),
  }),
  ClusterLogConf: obj({ dbfs: ref('DbfsStorageInfo'), s3: ref('S3StorageInfo'), volumes: ref('VolumesStorageInfo') }),
  DbfsStorageInfo: destination('DBFS location, e.g. dbfs:/cluster-logs.'),
  VolumesStorageInfo: destination('Unity Catalog volume path, e.g. /Volumes/main/default/logs.'),
  S3StorageInfo: obj(
    {
      canned_acl: str(),
      destination: str('S3 location, e.g. s3://bucket/prefix.'),
      enable_encryption: bool(),
      encryption_type: str(),
      endpoint: str(),
      kms_key: str(),
      region: str(),
    },
    { required: ['destination'] },
  ),
  DockerImage: obj({ basic_auth: obj({ password: str(), username: str() }), url: str('Image URL.') }),
  NodeTypeFlexibility: obj({ alternate_node_type_ids: arr(str()) }),
  WorkloadType: obj({ clients: obj({ jobs: bool(), notebooks: bool() }) }, { required: ['clients'] }),
  InitScriptInfo: obj({
    abfss: destination('ADLS Gen2 location.'),
    dbfs: deprecated(ref('DbfsStorageInfo'), 'DBFS init scripts are deprecated; use volumes or workspace.'),
    file: destination('Local file on the node.'),
    gcs: destination('GCS location.'),
    s3: ref('S3StorageInfo'),
    volumes: ref('VolumesStorageInfo'),
    workspace: destination('Workspace file path.'),
  }),
  Library: obj(
    {
      cran: obj({ package: str(), repo: str() }, { required: ['package'] }),
      egg: deprecated(str(), 'Egg libraries are no longer supported; use whl.'),
      jar: str('Path or URI of a JAR (a local path is uploaded at deploy).'),
      maven: obj({ coordinates: str('group:artifact:version'), exclusions: arr(str()), repo: str() }, { required: ['coordinates'] }),
      pypi: obj({ package: str('pip requirement, e.g. requests==2.32.3'), repo: str() }, { required: ['package'] }),
      requirements: str('Path of a requirements.txt file.'),
      whl: str('Path or URI of a wheel (a local path is uploaded at deploy).'),
    },
    { description: 'A library installed on the task’s cluster. Set exactly one field.' },
  ),
  Environment: obj(
    {
      base_environment: str(),
      client: deprecated(str(), 'Use environment_version instead.'),
      dependencies: arr(str(), 'pip requirements: package specs, wheel paths, -r/-e flags.'),
      environment_version: str('Serverless environment version, e.g. "2".'),
      java_dependencies: arr(str(), 'JAR paths for serverless JVM tasks.'),
    },
    { description: 'A serverless environment: Python dependencies and version.' },
  ),
};
