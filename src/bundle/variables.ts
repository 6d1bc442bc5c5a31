/**
 * Assigns each declared variable its value (pure), highest precedence first:
 * `--var name=value` > `BUNDLE_VAR_<name>` > `.databricks/bundle/<target>/variable-overrides.json`
 * > the target's default or lookup > the top-level default or lookup. The result lands in
 * `variables.<name>.value`, which `${var.<name>}` reads. Lookup variables need the workspace
 * and are left for deploy.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { keySpan, locOf, locsOf, setLoc, spanAt } from '../source/locations.js';
import type { ParsedFile } from '../source/parse-yaml.js';
import { cloneWithLocs, isDict, kindOf, type Dict } from './merge.js';

export interface VariableInputs {
  /** `--var name=value` in order given; a later one wins. */
  flags: readonly { name: string; value: string }[];
  env: Readonly<Record<string, string | undefined>>;
  target: string;
  /** The parsed overrides file, when it exists (read by the I/O edge). */
  overridesFile?: ParsedFile;
}

const isComplex = (v: unknown) => v !== null && typeof v === 'object';

export function assignVariables(config: Dict, inputs: VariableInputs): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared: Dict = isDict(config.variables) ? config.variables : {};
  // --var assigns a value, like a `value:` written in the file; assigning twice is an error.
  const flags = new Map<string, string>();
  for (const f of inputs.flags) {
    if (!Object.prototype.hasOwnProperty.call(declared, f.name)) {
      out.push(diag('error', 'var/not-declared', `variable ${f.name} has not been defined`, {
        detail: `--var ${f.name}=… names no variable. Declared: ${Object.keys(declared).join(', ') || 'none'}.`,
      }));
      continue;
    }
    const decl = declared[f.name];
    const prior = flags.get(f.name) ?? (isDict(decl) && decl.value !== undefined && decl.value !== null ? decl.value : undefined);
    if (prior !== undefined) {
      out.push(diag('error', 'var/not-declared', `failed to assign ${f.value} to ${f.name}: variable has already been assigned value: ${typeof prior === 'string' ? prior : JSON.stringify(prior)}`, {
        path: ['variables', f.name],
        detail: 'Pass each --var once, and do not combine --var with a `value:` in the file.',
      }));
      continue;
    }
    flags.set(f.name, f.value);
  }
  const fileValues = readOverrides(inputs, out);
  for (const [name, raw] of Object.entries(declared)) {
    if (raw !== null && raw !== undefined && !isDict(raw)) continue; // the schema reports the shape
    const decl: Dict = isDict(raw) ? raw : {};
    if (!isDict(raw)) {
      declared[name] = decl;
    }
    const complex = decl.type === 'complex';
    const envValue = inputs.env[`BUNDLE_VAR_${name}`];
    const where = { path: ['variables', name], span: keySpanOf(declared, name) };
    if (decl.value !== undefined && decl.value !== null && !flags.has(name)) continue; // `value:` written in the file
    if (flags.has(name) || envValue !== undefined) {
      if (complex) {
        out.push(diag('error', 'var/complex-from-flag', `setting variables of complex type via --var flag or environment variables is not supported: ${name}`, {
          ...where,
          detail: 'Set complex variables in databricks.yml, per target, or in the variable-overrides file.',
        }));
        continue;
      }
      decl.value = flags.get(name) ?? envValue;
      continue;
    }
    if (fileValues && Object.prototype.hasOwnProperty.call(fileValues, name)) {
      const v = fileValues[name];
      if (complex !== isComplex(v)) {
        out.push(diag('error', 'var/complex-mismatch', complex
          ? `variable ${name} is of type complex, but the value in the variable file is not a complex type`
          : `variable ${name} is not of type complex, but the value in the variable file is a complex type`, {
          ...where,
          span: spanAt(fileValues, [name]) ?? where.span,
        }));
        continue;
      }
      decl.value = cloneWithLocs(v);
      setLoc(decl, 'value', locsOf(fileValues, name));
      continue;
    }
    if (decl.default !== undefined && decl.default !== null) {
      decl.value = cloneWithLocs(decl.default);
      setLoc(decl, 'value', locsOf(decl, 'default'));
      continue;
    }
    if (decl.lookup !== undefined && decl.lookup !== null) {
      const kind = isDict(decl.lookup) ? Object.keys(decl.lookup)[0] : undefined;
      out.push(diag('info', 'var/lookup', `variable ${name} is looked up in the workspace${kind ? ` (${kind})` : ''} at deploy time`, {
        ...where,
        detail: 'References to it stay unresolved in offline validation.',
      }));
      continue;
    }
    out.push(diag('error', 'var/required', `no value assigned to required variable ${name}. Variables are usually assigned in databricks.yml, and they can be overridden using "--var", the BUNDLE_VAR_${name} environment variable, or .databricks/bundle/${inputs.target}/variable-overrides.json`, where));
  }
  return out;
}

function readOverrides(inputs: VariableInputs, out: Diagnostic[]): Dict | undefined {
  const f = inputs.overridesFile;
  if (!f) return undefined;
  const fail = (why: string) => {
    out.push(diag('error', 'var/overrides-file', `failed to parse variables file ${f.file.path}: ${why}`, {
      span: f.file.span(0, 0),
      detail: 'The file must hold a JSON object mapping variable names to values.',
    }));
    return undefined;
  };
  if (f.diagnostics.some((d) => d.severity === 'error')) return fail(f.diagnostics[0]!.summary);
  if (!isDict(f.value)) return fail(`expected a JSON object, found a ${kindOf(f.value)}`);
  return f.value;
}

function keySpanOf(container: Dict, key: string) {
  const loc = locOf(container, key);
  return loc ? keySpan(loc) : undefined;
}
