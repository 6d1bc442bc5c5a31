// Entry bundled by bench/schema.mjs: the pieces the schema benchmark times.
export { parseYamlText } from '../src/source/parse-yaml.js';
export { validateBundleSchema } from '../src/schema/index.js';
export { validatorFor } from '../src/schema/compile.js';
