import fc from 'fast-check';
import type { z } from 'zod';

/** Arbitraries that stand in for particular schemas (addresses that must stay on loopback, known ids). */
export type Overrides = Map<z.ZodType, fc.Arbitrary<unknown>>;

interface Check {
  check: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  value?: number | bigint;
  pattern?: RegExp;
  format?: string;
  inclusive?: boolean;
}

interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  pattern?: RegExp;
  format?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
}

/** Strings generated lists stay short: the payload's size comes from the hostile mutations, not from here. */
const MAX_LIST = 4;
const MAX_TEXT = 24;

/**
 * Inputs shaped after a zod (v4) schema: mostly what it accepts, with the length and range limits
 * it states; what it cannot see (a refinement) is left to chance. `extra` strings are mixed into
 * every free-text field.
 */
export function arbitraryOf(
  schema: z.ZodType,
  overrides: Overrides,
  extra: fc.Arbitrary<string>,
): fc.Arbitrary<unknown> {
  const of = (inner: z.ZodType) => arbitraryOf(inner, overrides, extra);
  const override = overrides.get(schema);
  if (override) return override;
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const bound = (name: string) => checks.find((check) => check.check === name);
  switch (def.type) {
    case 'string': {
      const pattern = def.pattern ?? checks.find((check) => check.pattern)?.pattern;
      const min = Number(bound('min_length')?.minimum ?? 0);
      const max = Number(bound('max_length')?.maximum ?? Infinity);
      if (pattern) return fc.stringMatching(pattern).filter((text) => text.length >= min && text.length <= max);
      const text = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, MAX_TEXT)) });
      return fc.oneof(
        { weight: 3, arbitrary: text },
        { weight: 1, arbitrary: extra.filter((value) => value.length <= max) },
      );
    }
    case 'number': {
      const int = checks.some((check) => check.check === 'number_format' && check.format?.includes('int'));
      const min = Number(bound('greater_than')?.value ?? -1e9);
      const max = Number(bound('less_than')?.value ?? 1e9);
      return int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((key) => !['optional', 'default'].includes(kind(shape[key])));
      const fields = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, of(value)]));
      return fc.record(fields, { requiredKeys: required });
    }
    case 'array': {
      const min = Number(bound('min_length')?.minimum ?? 0);
      const max = Number(bound('max_length')?.maximum ?? MAX_LIST);
      return fc.array(of(def.element as z.ZodType), {
        minLength: min,
        maxLength: Math.max(min, Math.min(max, MAX_LIST)),
      });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map(of));
    case 'optional':
    case 'default':
      return fc.option(of(def.innerType as z.ZodType), { nil: undefined });
    case 'nullable':
      return fc.option(of(def.innerType as z.ZodType), { nil: null });
    case 'pipe':
      return of(def.in as z.ZodType);
    case 'record':
      return fc.dictionary(of(def.keyType as z.ZodType) as fc.Arbitrary<string>, of(def.valueType as z.ZodType), {
        maxKeys: MAX_LIST,
      });
    case 'custom':
      // z.instanceof(Uint8Array): the only custom schema of the contract.
      return fc.uint8Array({ maxLength: 256 });
    default:
      return fc.anything();
  }
}

function kind(schema: z.ZodType | undefined): string {
  return schema ? (schema as unknown as { _zod: { def: Def } })._zod.def.type : 'never';
}
