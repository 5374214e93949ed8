/**
 * A small flag parser for `levy audit` and `levy template`: boolean flags, flags with a value (`--out X` or
 * `--out=X`), repeatable flags (`--map A=B --map C=D`), and positional arguments. Unknown flags are refused by name.
 */

export interface FlagSpec {
  boolean?: readonly string[];
  value?: readonly string[];
  repeat?: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  repeated: Map<string, string[]>;
}

export class ArgsError extends Error {}

export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map(), repeated: new Map() };
  const booleans = new Set(spec.boolean ?? []);
  const values = new Set(spec.value ?? []);
  const repeats = new Set(spec.repeat ?? []);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (booleans.has(name)) {
      if (inline !== undefined) throw new ArgsError(`--${name} 不带值 takes no value`);
      out.flags.set(name, true);
    } else if (values.has(name) || repeats.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new ArgsError(`--${name} 需要一个值 needs a value`);
      if (repeats.has(name)) out.repeated.set(name, [...(out.repeated.get(name) ?? []), value]);
      else out.flags.set(name, value);
    } else {
      throw new ArgsError(`未知选项 unknown option --${name}`);
    }
  }
  return out;
}
