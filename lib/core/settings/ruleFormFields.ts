import { z } from '../zodMini';

// Turns a rule's zod parameter schema into form fields, through zod's own JSON Schema output so the
// form follows whatever the engine declares (min/max, enums, booleans). Labels are not in the schemas (they
// would ride in the worker bundle): the page looks them up by key (RuleSettingsForm.tsx `fieldLabel`).
// Works on any zod 4 schema, classic or mini: only zod core is used.

/** Any zod 4 schema (the engine's are zod/mini; classic zod schemas work too). */
export type AnySchema = z.core.$ZodType;

export type RuleFormField =
  | {
      key: string;
      type: 'number';
      min?: number;
      max?: number;
      step: number;
      defaultValue?: number;
    }
  | { key: string; type: 'boolean'; defaultValue?: boolean }
  | { key: string; type: 'enum'; options: string[]; defaultValue?: string };

interface JsonSchemaNode {
  type?: string | string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
}

/** JSON Schema from zod, or null for a schema that cannot be expressed (then the rule gets no form). */
function toJsonSchema(schema: AnySchema): JsonSchemaNode | null {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchemaNode;
  } catch {
    return null;
  }
}

const SAFE_LIMIT = Number.MAX_SAFE_INTEGER;
const finiteBound = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) && Math.abs(value) < SAFE_LIMIT ? value : undefined;

function fieldFor(key: string, node: JsonSchemaNode): RuleFormField | null {
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  if (node.enum?.every((value) => typeof value === 'string')) {
    return {
      key,
      type: 'enum',
      options: node.enum as string[],
      defaultValue: typeof node.default === 'string' ? node.default : undefined,
    };
  }
  if (type === 'boolean') {
    return {
      key,
      type: 'boolean',
      defaultValue: typeof node.default === 'boolean' ? node.default : undefined,
    };
  }
  if (type === 'number' || type === 'integer') {
    const integer = type === 'integer';
    const min = finiteBound(node.minimum) ?? finiteBound(node.exclusiveMinimum);
    const max = finiteBound(node.maximum) ?? finiteBound(node.exclusiveMaximum);
    return {
      key,
      type: 'number',
      min,
      max,
      step: node.multipleOf ?? (integer ? 1 : stepFor(min, max)),
      defaultValue: typeof node.default === 'number' ? node.default : undefined,
    };
  }
  return null;
}

/** Fractions (0..1 ratios) step by 0.01; everything else by whole units or tenths. */
function stepFor(min: number | undefined, max: number | undefined): number {
  if (max !== undefined && max <= 1 && (min === undefined || min >= 0)) return 0.01;
  return 0.1;
}

/** The editable fields of one rule's parameter object, in declaration order; nested objects are skipped. */
export function ruleFormFields(schema: AnySchema): RuleFormField[] {
  const json = toJsonSchema(schema);
  const properties = json?.properties ?? json?.anyOf?.find((node) => node.properties)?.properties;
  if (!properties) return [];
  const fields: RuleFormField[] = [];
  for (const [key, node] of Object.entries(properties)) {
    const field = fieldFor(key, node);
    if (field) fields.push(field);
  }
  return fields;
}

/** The rules' schemas by rule id, read from the combined rule-settings object schema. */
export function ruleSchemasOf(rulesSchema: AnySchema): [ruleId: string, schema: AnySchema][] {
  let node: AnySchema = rulesSchema;
  // Unwrap default/prefault/optional/nullable around the combined object.
  while (!(node instanceof z.core.$ZodObject)) {
    const inner = (node._zod.def as { innerType?: AnySchema }).innerType;
    if (!inner) return [];
    node = inner;
  }
  return Object.entries(node._zod.def.shape);
}

/** zod's issue code (too_small, too_big, invalid_type, …) so the page can word it in the user's language. */
export type FieldError = { code: string; message: string; minimum?: number; maximum?: number };
export type FieldErrors = Record<string, FieldError>;

/** Validates a draft of one rule's parameters; errors keyed by field, as the form shows them inline. */
export function validateRuleDraft(
  schema: AnySchema,
  draft: Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const result = z.safeParse(schema, draft);
  if (result.success) return { ok: true, value: result.data as Record<string, unknown> };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    const bounds = issue as { minimum?: unknown; maximum?: unknown };
    errors[key] ??= {
      code: issue.code,
      message: issue.message,
      minimum: typeof bounds.minimum === 'number' ? bounds.minimum : undefined,
      maximum: typeof bounds.maximum === 'number' ? bounds.maximum : undefined,
    };
  }
  return { ok: false, errors };
}
