import { z } from 'zod';
import {
  episodeSchema, errorBodySchema, indicatorInfoSchema, inhibitedBreachSchema, nodeInfoSchema, nodeValueSchema, pathEntrySchema, readingSchema, heldBackBreachSchema,
  dataQualityViewSchema, episodeCauseSchema, episodeFigureSchema, tokenInfoSchema,
} from '../api';
import { EPISODES_CSV_COLUMNS, READINGS_CSV_COLUMNS, SERIES_CSV_COLUMNS } from './csv';
import { api, type RouteDef } from './routes';

/** Shapes used by many answers, named once in `components.schemas` and referred to by `$ref`. */
const NAMED: Record<string, z.ZodType> = {
  Episode: episodeSchema, PathEntry: pathEntrySchema, EpisodeCause: episodeCauseSchema, EpisodeFigure: episodeFigureSchema, InhibitedBreach: inhibitedBreachSchema,
  NodeInfo: nodeInfoSchema, NodeValue: nodeValueSchema, HeldBackBreach: heldBackBreachSchema, DataQualityFinding: dataQualityViewSchema,
  IndicatorInfo: indicatorInfoSchema, TokenInfo: tokenInfoSchema, Error: errorBodySchema,
};
/** Request shapes, named apart: a body is the schema's input (before defaults and transforms), an answer its output. */
const NAMED_INPUTS: Record<string, z.ZodType> = { Reading: readingSchema };

const ref = (name: string) => `#/components/schemas/${name}`;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
type Json = Record<string, unknown>;

/** Every schema of one direction, generated at once so shared parts become `$ref`s (zod 4's own JSON Schema output, draft 2020-12 as OpenAPI 3.1 uses). */
function components(named: Record<string, z.ZodType>, io: 'input' | 'output'): { schemas: Record<string, Json>; refOf: Map<z.ZodType, string> } {
  const registry = z.registry<{ id: string }>();
  const refOf = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(named)) {
    registry.add(schema, { id });
    refOf.set(schema, id);
  }
  const generated = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: ref }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    schemas[id] = rest;
  }
  return { schemas, refOf };
}

const openApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

/** Path and query parameters, one per property of the route's schema. */
function parameters(route: RouteDef): Json[] {
  const of = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property,
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
    }));
  };
  return [...of(route.params, 'path'), ...of(route.query, 'query')];
}

const CSV_HEADER: Record<string, string> = { series: SERIES_CSV_COLUMNS.join(','), episodes: EPISODES_CSV_COLUMNS.join(',') };

/** The OpenAPI 3.1 document of the route table (shared/contract/routes.ts). */
export function openApiDocument(info: { title?: string; version?: string } = {}): Json {
  const names = Object.keys(api) as (keyof typeof api)[];
  const outputsNamed: Record<string, z.ZodType> = { ...NAMED };
  const inputsNamed: Record<string, z.ZodType> = { ...NAMED_INPUTS };
  for (const name of names) {
    const route: RouteDef = api[name];
    for (const [status, schema] of Object.entries(route.responses)) if (!Object.values(outputsNamed).includes(schema) && !route.produces) outputsNamed[`${capital(name)}${status}`] = schema;
    if (route.body) inputsNamed[`${capital(name)}Body`] = route.body;
  }
  const outputs = components(outputsNamed, 'output');
  const inputs = components(inputsNamed, 'input');
  const paths: Record<string, Json> = {};
  for (const name of names) {
    const route: RouteDef = api[name];
    const responses: Record<string, Json> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      const content: Json = route.produces
        ? { [route.produces]: { schema: { type: 'string' } } }
        : { 'application/json': { schema: { $ref: ref(outputs.refOf.get(schema)!) } } };
      if (route.csv === 'out' && Number(status) < 300) content['text/csv'] = { schema: { type: 'string', description: `header: ${CSV_HEADER[name] ?? ''}` } };
      responses[status] = { description: Number(status) < 300 ? 'success' : 'refused: the error names each bad field', content };
    }
    const body = route.body
      ? {
          required: true,
          content: {
            'application/json': { schema: { $ref: ref(inputs.refOf.get(route.body)!) } },
            ...(route.csv === 'in' ? { 'text/csv': { schema: { type: 'string', description: `header ${READINGS_CSV_COLUMNS.join(',')}; one reading per line; all or nothing; errors name the line and column` } } } : {}),
          },
        }
      : undefined;
    const operation: Json = {
      operationId: name, summary: route.summary, 'x-access': route.access, parameters: parameters(route), responses,
      ...(body ? { requestBody: body } : {}),
      ...(route.access === 'public' ? { security: [] } : route.access === 'read' ? { security: [{}, { bearer: [] }] } : {}),
    };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  // Outside /api and the route table: the scraper's endpoint (server/http/metrics.ts).
  paths['/metrics'] = {
    get: {
      operationId: 'metrics', summary: 'Figures in the Prometheus text format, for a scraper (the admin token or OPSROOM_METRICS_TOKEN)', 'x-access': 'admin',
      responses: {
        200: { description: 'success', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } },
        401: { description: 'no token, or an unknown, expired or revoked one', content: { 'application/json': { schema: { $ref: ref(outputs.refOf.get(errorBodySchema)!) } } } },
        403: { description: 'a token that is neither the admin token nor the metrics token', content: { 'application/json': { schema: { $ref: ref(outputs.refOf.get(errorBodySchema)!) } } } },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: info.title ?? 'opsroom API', version: info.version ?? '0.1.0', description: 'The REST API of opsroom: readings in; hierarchy, values, episodes and the log out. Generated from shared/contract/routes.ts.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: { ...outputs.schemas, ...inputs.schemas }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/tokens, or the admin token' } } },
  };
}
