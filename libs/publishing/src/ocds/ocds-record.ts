import type { Json } from './ocds-release.mapper';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (items: unknown[]): items is Json[] => items.length > 0 && items.every((item) => isObject(item) && 'id' in item);

/**
 * OCDS merging: objects merge field by field, arrays of objects with an id merge item by
 * item on that id, anything else is replaced by the later release.
 */
function merge(target: Json, source: Json): Json {
  const out: Json = { ...target };
  for (const [key, next] of Object.entries(source)) {
    const prior = out[key];
    if (isObject(next)) out[key] = merge(isObject(prior) ? prior : {}, next);
    else if (Array.isArray(next) && hasIds(next)) out[key] = mergeById(Array.isArray(prior) ? (prior as Json[]) : [], next);
    else out[key] = next;
  }
  return out;
}

function mergeById(prior: readonly Json[], next: readonly Json[]): Json[] {
  const out = [...prior];
  for (const item of next) {
    const at = out.findIndex((existing) => existing.id === item.id);
    if (at >= 0) out[at] = merge(out[at], item);
    else out.push(merge({}, item));
  }
  return out;
}

/**
 * The record of a contracting process: its releases, and the compiled release merging them
 * in date order (tag "compiled", id `{ocid}-{latest date}` as the standard asks).
 */
export function recordOf(releases: readonly Json[]): Json {
  const ordered = [...releases].sort((a, b) => Date.parse(String(a.date)) - Date.parse(String(b.date)));
  const latest = ordered[ordered.length - 1];
  const compiled = ordered.reduce<Json>((sum, release) => merge(sum, release), {});
  return {
    ocid: latest.ocid,
    releases,
    compiledRelease: { ...compiled, id: `${String(latest.ocid)}-${String(latest.date)}`, date: latest.date, tag: ['compiled'] },
  };
}
