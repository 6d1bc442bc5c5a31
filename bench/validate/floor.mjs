// The floor for `jobs validate`: the minimum any validator with locations must do for the same
// bundle. Parse every file with positions (yaml parseDocument + LineCounter, as we do), then
// validate the merged resources with ajv against the official Databricks bundle schema.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';

const [dir, schemaPath] = process.argv.slice(2);
const files = [join(dir, 'databricks.yml'), ...readdirSync(join(dir, 'resources')).sort().map((f) => join(dir, 'resources', f))];
const config = { resources: { jobs: {} } };
for (const f of files) {
  const doc = parseDocument(readFileSync(f, 'utf8'), { lineCounter: new LineCounter() });
  const value = doc.toJS();
  if (value.resources?.jobs) Object.assign(config.resources.jobs, value.resources.jobs);
  else Object.assign(config, value);
}
const ajv = new Ajv2020.default({ allErrors: true, strict: false, unicodeRegExp: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
validate(config);
process.stdout.write(`${validate.errors?.length ?? 0} schema findings\n`);
