/**
 * The IIIF Presentation 3.0 rules (https://iiif.io/api/presentation/3.0/) that the studio's manifests and collections
 * touch, as a checker for tests: every problem found, as `path: what is wrong` (empty: valid). Written from the
 * specification's requirements (§3 resource types and their REQUIRED/SHOULD properties, §4 language maps, URIs,
 * `rights`), not from any one viewer.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const LANGUAGE_KEY = /^(none|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)$/;
const RIGHTS = /^http:\/\/(creativecommons\.org\/(licenses|publicdomain)\/|rightsstatements\.org\/vocab\/)/;
const CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

export function iiifProblems(resource: unknown): string[] {
  const problems: string[] = [];
  const problem = (path: string, what: string) => problems.push(`${path}: ${what}`);

  const uri = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !/^https?:\/\/[^\s]+$/.test(v)) return problem(path, `must be an http(s) URI, got ${JSON.stringify(v)}`);
    try {
      new URL(v);
    } catch {
      problem(path, 'is not a URI');
    }
  };
  const languageMap = (path: string, v: unknown) => {
    if (!isObject(v) || Object.keys(v).length === 0) return problem(path, 'must be a non-empty language map');
    for (const [key, values] of Object.entries(v)) {
      if (!LANGUAGE_KEY.test(key)) problem(`${path}.${key}`, 'is not a BCP 47 language tag or "none"');
      if (!Array.isArray(values) || values.length === 0 || values.some((s) => typeof s !== 'string' || !s))
        problem(`${path}.${key}`, 'must be a non-empty array of strings');
    }
  };
  const typed = (path: string, v: unknown, types: string[]): v is Json => {
    if (!isObject(v)) return (problem(path, 'must be an object'), false);
    uri(`${path}.id`, v.id);
    if (typeof v.type !== 'string' || !types.includes(v.type)) problem(`${path}.type`, `must be one of ${types.join(', ')}, got ${JSON.stringify(v.type)}`);
    return true;
  };
  const list = (path: string, v: unknown, each: (p: string, item: unknown) => void, required = false) => {
    if (v === undefined) return required ? problem(path, 'is required') : undefined;
    if (!Array.isArray(v)) return problem(path, 'must be an array');
    if (required && v.length === 0) problem(path, 'must not be empty');
    v.forEach((item, i) => each(`${path}[${i}]`, item));
  };
  const dimension = (path: string, v: unknown) => {
    if (!Number.isInteger(v) || (v as number) <= 0) problem(path, 'must be a positive integer');
  };
  const external = (types: string[], labelled = false) => (path: string, v: unknown) => {
    if (!typed(path, v, types)) return;
    if (labelled) languageMap(`${path}.label`, v.label);
    else if (v.label !== undefined) languageMap(`${path}.label`, v.label);
    if (v.format !== undefined && (typeof v.format !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(v.format))) problem(`${path}.format`, 'must be a media type');
  };
  const descriptive = (path: string, r: Json) => {
    languageMap(`${path}.label`, r.label);
    if (r.summary !== undefined) languageMap(`${path}.summary`, r.summary);
    list(`${path}.metadata`, r.metadata, (p, entry) => {
      if (!isObject(entry)) return problem(p, 'must be an object with label and value');
      languageMap(`${p}.label`, entry.label);
      languageMap(`${p}.value`, entry.value);
    });
    if (r.requiredStatement !== undefined) {
      if (!isObject(r.requiredStatement)) problem(`${path}.requiredStatement`, 'must be an object with label and value');
      else {
        languageMap(`${path}.requiredStatement.label`, r.requiredStatement.label);
        languageMap(`${path}.requiredStatement.value`, r.requiredStatement.value);
      }
    }
    if (r.rights !== undefined && (typeof r.rights !== 'string' || !RIGHTS.test(r.rights)))
      problem(`${path}.rights`, 'must be a Creative Commons or RightsStatements.org URI (http)');
    list(`${path}.provider`, r.provider, (p, agent) => {
      if (typed(p, agent, ['Agent'])) {
        languageMap(`${p}.label`, agent.label);
        list(`${p}.homepage`, agent.homepage, external(['Text'], true));
      }
    });
    list(`${path}.homepage`, r.homepage, external(['Text'], true));
    list(`${path}.seeAlso`, r.seeAlso, external(['Dataset', 'Text']));
    list(`${path}.partOf`, r.partOf, external(['Collection', 'Manifest']));
    list(`${path}.thumbnail`, r.thumbnail, external(['Image']));
  };
  const annotation = (canvasId: unknown) => (path: string, a: unknown) => {
    if (!typed(path, a, ['Annotation'])) return;
    if (a.motivation !== 'painting') problem(`${path}.motivation`, 'must be "painting" on a Canvas');
    if (typed(`${path}.body`, a.body, ['Image'])) {
      if (typeof a.body.format !== 'string') problem(`${path}.body.format`, 'SHOULD be given');
      dimension(`${path}.body.width`, a.body.width);
      dimension(`${path}.body.height`, a.body.height);
    }
    if (typeof a.target !== 'string' || !a.target.startsWith(String(canvasId))) problem(`${path}.target`, 'must be the Canvas (or a part of it)');
  };
  const canvas = (path: string, c: unknown) => {
    if (!typed(path, c, ['Canvas'])) return;
    dimension(`${path}.width`, c.width);
    dimension(`${path}.height`, c.height);
    list(`${path}.items`, c.items, (p, page) => {
      if (typed(p, page, ['AnnotationPage'])) list(`${p}.items`, page.items, annotation(c.id), true);
    }, true);
  };

  if (!isObject(resource)) return ['resource: must be a JSON object'];
  const context = Array.isArray(resource['@context']) ? resource['@context'].at(-1) : resource['@context'];
  if (context !== CONTEXT) problem('@context', `must be (or end with) ${CONTEXT}`);
  if (!typed('resource', resource, ['Manifest', 'Collection'])) return problems;
  descriptive('resource', resource);
  if (resource.type === 'Manifest') list('resource.items', resource.items, canvas, true);
  else {
    if (!Array.isArray(resource.items)) problem('resource.items', 'is required (an array, which may be empty)');
    list('resource.items', resource.items, (p, item) => {
      if (typed(p, item, ['Manifest', 'Collection'])) {
        languageMap(`${p}.label`, item.label);
        list(`${p}.thumbnail`, item.thumbnail, external(['Image']));
      }
    });
  }
  return problems;
}
