import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Type } from '@nestjs/common';
import type {
  ExampleObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import OpenAPISchemaValidator from 'openapi-schema-validator';
import { BOARD_EVENT_TYPES } from '#shared/board-event';
import type { ApiException } from '../../server/src/common/api-exception';
import { createValidationPipe } from '../../server/src/common/validation.pipe';
import { dtoClasses } from '../../server/src/openapi/dto-metadata.generated';
import { parseUpdate } from '../../server/src/updates/parse-update';
import { startTestApp, type TestApp } from '../support/test-app';

const VERBS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** An Express router layer: routes have a path and methods; middleware has neither. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('the API reference (e2e)', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await res.json()) as OpenAPIObject;
  });
  afterAll(() => t.close());

  const operations = (): Array<[string, string, OperationObject]> =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      VERBS.filter((verb) => item[verb]).map((verb): [string, string, OperationObject] => [verb, path, item[verb]!]),
    );
  const schema = (name: string) => document.components!.schemas![name] as SchemaObject;
  const refName = (ref: SchemaObject | ReferenceObject | undefined) =>
    ref && '$ref' in ref ? ref.$ref.replace('#/components/schemas/', '') : undefined;
  const parameter = (op: OperationObject, name: string) => op.parameters?.find((p): p is ParameterObject => 'name' in p && p.name === name);

  it('is a valid OpenAPI 3 document, public like the rest of the docs', () => {
    expect(document.openapi).toMatch(/^3\./);
    const { errors } = new OpenAPISchemaValidator({ version: 3 }).validate(document as never);
    expect(errors).toEqual([]);
    expect(document.info).toMatchObject({ title: 'Headway API', version: expect.any(String) });
    expect(Object.keys(document.components!.securitySchemes!).sort()).toEqual(['bearer', 'csrf', 'session']);
    // Every reference resolves: the wire types' schemas are added for each one the routes name.
    const refs = new Set(JSON.stringify(document).match(/#\/components\/schemas\/\w+/g));
    expect([...refs].filter((ref) => !document.components!.schemas![ref.split('/').pop()!])).toEqual([]);
  });

  it('documents every route the app registers under /api, each with a tag', () => {
    const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router.stack;
    const registered = stack
      // A controller route is registered for its one method and path; middleware (`forRoutes`) for every
      // method, or for a wildcard path.
      .filter(
        (layer) =>
          layer.route?.path.startsWith('/api/') && Object.keys(layer.route.methods).length === 1 && !layer.route.path.includes('*'),
      )
      .map(({ route }) => `${Object.keys(route!.methods)[0].toUpperCase()} ${route!.path.replace(/:(\w+)/g, '{$1}')}`)
      // The docs' own routes.
      .filter((route) => !/^GET \/api\/(docs\b|openapi\.json$)/.test(route));
    const documented = operations().map(([verb, path]) => `${verb.toUpperCase()} ${path}`);
    expect(registered.length).toBeGreaterThan(20);
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    expect(operations().filter(([, , op]) => !op.tags?.length)).toEqual([]);
  });

  it('describes the PUT departure body with its required fields, constraints and examples', () => {
    const put = document.paths['/api/stations/{stationId}/departures/{departureId}'].put!;
    const body = (put.requestBody as RequestBodyObject).content['application/json'];
    expect(refName(body.schema)).toBe('PutDepartureDto');
    expect(Object.keys(body.examples ?? {}).length).toBeGreaterThan(0);
    const dto = schema('PutDepartureDto');
    expect(dto.required).toEqual(expect.arrayContaining(['line', 'lineColor', 'destination', 'scheduledTime']));
    expect(dto.required).not.toContain('platform');
    expect(dto.properties!.line).toMatchObject({ type: 'string', minLength: 1, maxLength: 16 });
    expect(dto.properties!.scheduledTime).toMatchObject({ type: 'string', format: 'date-time' });
    expect(dto.properties!.lineColor).toMatchObject({ pattern: '^#[0-9a-fA-F]{6}$' });
    expect(dto.properties!.kind).toMatchObject({ enum: ['departure', 'arrival'] });
    expect(Object.keys(put.responses).sort()).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '404', '412', '422', '429']),
    );
    expect((put.responses['201'] as ResponseObject).headers).toHaveProperty('ETag');
    expect(parameter(put, 'stationId')).toMatchObject({ in: 'path', required: true, schema: { example: 'zurich-hb' } });
    expect(parameter(put, 'If-Match')).toMatchObject({ in: 'header', required: false });
    expect(parameter(put, 'Idempotency-Key')).toMatchObject({ in: 'header', required: false });
  });

  it("offers only body examples that the API's validation accepts", async () => {
    const pipe = createValidationPipe();
    const classes = new Map(dtoClasses.map(([cls]) => [cls.name, cls]));
    const rejected: unknown[] = [];
    let count = 0;
    for (const [verb, path, op] of operations()) {
      const json = (op.requestBody as RequestBodyObject | undefined)?.content['application/json'];
      for (const [name, example] of Object.entries(json?.examples ?? {})) {
        const value = (example as ExampleObject).value as { updates?: object[] };
        count += 1;
        try {
          await pipe.transform(value, { type: 'body', metatype: classes.get(refName(json!.schema)!) as Type });
          for (const update of value.updates ?? []) parseUpdate(update);
        } catch (error) {
          rejected.push({ route: `${verb} ${path}`, example: name, error: (error as ApiException).getResponse() });
        }
      }
    }
    expect(rejected).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(10);
  });

  it('takes descriptions from the shared wire types, and answers in their shapes', () => {
    const departure = schema('DepartureDto');
    expect(departure.description).toMatch(/One row of a station's board/);
    expect(departure.properties!.expectedTime).toMatchObject({
      nullable: true,
      format: 'date-time',
      description: expect.stringMatching(/Real-time estimate/),
    });
    const patch = schema('PatchDepartureDto');
    expect(patch.properties!.delayMinutes).toMatchObject({ type: 'integer', minimum: -60, maximum: 1440 });
    expect(patch.properties!.platform).toMatchObject({ description: expect.stringMatching(/returns to the timetabled one/) });
    const board = document.paths['/api/stations/{stationId}/board'].get!;
    expect(refName((board.responses['200'] as ResponseObject).content!['application/json'].schema)).toBe('BoardDto');
    const batch = schema('BatchDto').properties!.updates as SchemaObject;
    expect((batch.items as SchemaObject).discriminator?.propertyName).toBe('op');
    expect(schema('PutDepartureUpdate').properties!.op).toMatchObject({ enum: ['put-departure'] });
  });

  it('states who may call each route, and gives every error the one error shape', () => {
    const patch = document.paths['/api/stations/{stationId}/departures/{departureId}'].patch!;
    expect(patch.security).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    expect(patch.description).toMatch(/`departures` permission at this station/);
    expect(document.paths['/api/stations/{stationId}/board'].get!.security).toBeUndefined();
    expect(document.paths['/api/audit'].get!.security).toEqual([{ bearer: [] }, { session: [] }]);
    for (const [verb, path, op] of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const content = (response as ResponseObject).content?.['application/json'];
        expect({ route: `${verb} ${path} ${status}`, schema: refName(content?.schema) }).toEqual({
          route: `${verb} ${path} ${status}`,
          schema: 'ApiErrorDto',
        });
      }
    }
    expect(schema('ApiErrorDto').required).toEqual(['statusCode', 'error', 'message']);
  });

  it('documents the board stream as text/event-stream, one schema per event type', () => {
    const events = document.paths['/api/stations/{stationId}/board/events'].get!;
    const stream = (events.responses['200'] as ResponseObject).content!['text/event-stream'];
    const { oneOf, discriminator } = stream.schema as SchemaObject;
    expect(Object.keys(discriminator!.mapping!)).toEqual([...BOARD_EVENT_TYPES]);
    for (const kind of oneOf!) expect(schema(refName(kind)!).properties!.type).toMatchObject({ enum: [expect.any(String)] });
    expect(schema('HeartbeatEventDto').description).toMatch(/proves the stream is alive/);
    expect(parameter(events, 'lastEventId')).toMatchObject({ in: 'query', required: false });
    expect(parameter(events, 'Last-Event-ID')).toMatchObject({ in: 'header', required: false });
    expect(events.description).toMatch(/Last-Event-ID/);
  });

  it('serves Swagger UI from the app itself, loading only its own scripts and styles', async () => {
    const res = await t.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.filter((url) => url.endsWith('.js'))).toHaveLength(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, `${t.baseUrl}/api/docs`);
      expect(url.origin).toBe(t.baseUrl);
      const loaded = await fetch(url);
      expect({ asset, status: loaded.status }).toEqual({ asset, status: 200 });
      await loaded.arrayBuffer();
    }
  });

  it('has its generated DTO metadata in step with the DTOs (else: npm run openapi:metadata)', async () => {
    const script = join(__dirname, '../../server/scripts/openapi-metadata.js');
    await expect(promisify(execFile)(process.execPath, [script, '--check'])).resolves.toBeDefined();
  });
});
