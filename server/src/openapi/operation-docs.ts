import { STATUS_CODES } from 'node:http';
import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import type { Permission } from '#shared/auth';
import { ACCESS, type AccessRule, accessRequirement, isSafeMethod } from '../auth/access.decorator';
import { wireRef } from './wire-schema';
import { applyValidationKeywords, validationKeywords } from './validation-schema';

const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One controller method, as Swagger's default operation id names it: `${Controller}_${method}`. */
interface Handler {
  controller: Type<unknown>;
  method: string;
}

/**
 * Adds to every operation what the app's global guards, pipe, middleware and interceptors do
 * for every route, read from the same metadata they use (so a new controller is documented
 * truthfully without repeating it): who may call it, the cross-cutting error answers, the
 * `Idempotency-Key` header on writes, validation keywords of path and query parameters, and a
 * tag named after the controller when it has none.
 */
export function documentOperations(app: NestExpressApplication, document: OpenAPIObject): void {
  const handlers = handlersById(app);
  const reflector = new Reflector();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const verb of VERBS) {
      const operation = item[verb];
      const handler = operation?.operationId ? handlers.get(operation.operationId) : undefined;
      if (!operation || !handler) continue;
      const fn = handler.controller.prototype[handler.method] as Function;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [fn, handler.controller]);
      const write = !isSafeMethod(verb);
      operation.tags = operation.tags?.length ? operation.tags : [tagOf(handler.controller)];
      describeAccess(operation, accessRequirement(rule, verb), write, path.includes('{stationId}'));
      // The same test as IdempotencyInterceptor's: a write with a caller to own the key.
      if (write && rule !== 'public') describeIdempotency(operation);
      if (write)
        addError(operation, 429, '`too_many_requests`: too many writes (or sign-in attempts) in a minute; wait for `Retry-After` seconds', {
          'Retry-After': { description: 'Seconds until the next attempt may succeed', schema: { type: 'integer' } },
        });
      // Every route that changes a board goes through BoardWriter's bounded queue.
      if (write && (path.includes('{stationId}/') || path.startsWith('/api/updates') || /^\/api\/feeds\/\{[^}]+\}\//.test(path))) {
        addError(
          operation,
          503,
          '`overloaded`: more changes are waiting for the store than `WRITE_QUEUE_LIMIT`, or (for writes of over 10 changes) the server is behind by over `WRITE_MAX_LAG_MS`; nothing was changed, retry after `Retry-After` seconds',
          {
            'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
          },
        );
      }
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) {
        addError(operation, 400, '`validation_failed`: a parameter, header or body field is invalid; `fields` names every one');
      }
      if (operation.requestBody) {
        const json = 'content' in operation.requestBody && operation.requestBody.content['application/json'];
        if (json) addError(operation, 400, '`invalid_json`: the body is not valid JSON');
        addError(operation, 413, '`payload_too_large`: the body is larger than the server accepts for this route');
        addError(operation, 415, '`unsupported_media_type`: the body is not of the media type, encoding or charset this route reads');
        addError(
          operation,
          503,
          '`busy`: the server is already reading `BODY_READS_AT_ONCE` large bodies; nothing was changed, retry after `Retry-After` seconds',
          {
            'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
          },
        );
      }
      addParameterKeywords(operation, handler);
      tidyHeaders(operation, handler);
      describeStatuses(operation);
    }
  }
}

function handlersById(app: NestExpressApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method !== 'constructor') handlers.set(`${controller.name}_${method}`, { controller, method });
      }
    }
  }
  return handlers;
}

/** `FeedsController` -> `feeds`: the tag of a controller that does not name one with `@ApiTags`. */
function tagOf(controller: Type<unknown>): string {
  return controller.name
    .replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function describeAccess(
  operation: OperationObject,
  requirement: Permission | readonly Permission[] | 'signed-in' | null,
  write: boolean,
  atStation: boolean,
): void {
  if (requirement === null) {
    appendDescription(operation, '**Access:** public.');
    return;
  }
  operation.security = [{ bearer: [] }, write ? { session: [], csrf: [] } : { session: [] }];
  const who =
    requirement === 'signed-in'
      ? 'any signed-in user or API token'
      : requirement === 'admin'
        ? 'an admin (the `admin` permission)'
        : typeof requirement !== 'string'
          ? `a user or token with ${requirement.map((p) => `\`${p}\``).join(' or ')} (each change then needs its own permission at its station)`
          : `a user or token with the \`${requirement}\` permission${atStation ? ' at this station' : ''}`;
  appendDescription(operation, `**Access:** ${who}.${write ? " From the console, also the session's `X-CSRF-Token` header." : ''}`);
  addError(operation, 401, '`unauthorized`: no credentials, or credentials that are not valid');
  const refusals = [
    ...(requirement === 'signed-in'
      ? []
      : [`\`forbidden\`: the caller lacks the permission${atStation ? ', or may not change this station' : ''}`]),
    ...(write ? ["`csrf_failed`: a console write without the session's `X-CSRF-Token`"] : []),
  ];
  if (refusals.length > 0) addError(operation, 403, refusals.join('; '));
}

function describeIdempotency(operation: OperationObject): void {
  const header: ParameterObject = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: a repeat with the same key and request gets the first answer (with `Idempotent-Replayed: true`) and changes nothing, ' +
      "also when the repeat reaches another instance. Keys are the caller's own (per user or token): another caller's key neither answers nor blocks yours. " +
      'Remembered for 24 hours. 1 to 255 visible ASCII characters.',
    schema: { type: 'string', example: 'feed-run-4711' },
  };
  operation.parameters = [...(operation.parameters ?? []), header];
  addError(
    operation,
    409,
    '`idempotency_in_progress`: a request with this key is still being processed; retry after `Retry-After` seconds for its answer',
    {
      'Retry-After': { description: 'Seconds until the answer is likely ready', schema: { type: 'integer' } },
    },
  );
  addError(operation, 409, '`idempotency_key_unanswered`: the request with this key was cut off by a restart before it answered');
  addError(operation, 422, '`idempotency_key_reused`: this `Idempotency-Key` was already used for a different request');
}

/** Path and query parameters declared as DTO classes get their validation keywords (patterns, lengths). */
function addParameterKeywords(operation: OperationObject, { controller, method }: Handler): void {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const where = kind === RouteParamtypes.PARAM ? 'path' : kind === RouteParamtypes.QUERY ? 'query' : null;
    const cls = types[arg.index];
    if (!where || arg.data !== undefined || typeof cls !== 'function') continue;
    for (const [name, rules] of validationKeywords(cls)) {
      const parameter = operation.parameters?.find((p): p is ParameterObject => 'in' in p && p.in === where && p.name === name);
      if (parameter?.schema && !('$ref' in parameter.schema)) applyValidationKeywords(parameter.schema, rules);
    }
  }
}

/**
 * A header a handler reads with `@Headers('if-match')` is optional (Nest passes `undefined`), though
 * Swagger lists it as required; an `@ApiHeader` for it (in any letter case) replaces it.
 */
function tidyHeaders(operation: OperationObject, { controller, method }: Handler): void {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown }>;
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.HEADERS || typeof arg.data !== 'string') continue;
    const name = arg.data.toLowerCase();
    const headers = (operation.parameters ?? []).filter(
      (p): p is ParameterObject => 'in' in p && p.in === 'header' && p.name.toLowerCase() === name,
    );
    const implicit = headers.find((p) => p.name === arg.data);
    if (!implicit) continue;
    if (headers.length > 1) operation.parameters = operation.parameters!.filter((p) => p !== implicit);
    else implicit.required = false;
  }
}

/** Success answers without a description get the status's name (the spec requires one). */
function describeStatuses(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    if (response && 'description' in response && !response.description) response.description = STATUS_CODES[Number(status)] ?? status;
  }
}

/** Adds an error answer in the API's one shape; a status the route already documents gets the reason appended. */
function addError(operation: OperationObject, status: number, description: string, headers?: ResponseObject['headers']): void {
  const existing = operation.responses[status] as ResponseObject | undefined;
  if (existing) {
    if (!existing.description.includes(description)) existing.description = `${existing.description}; ${description}`;
    if (headers) existing.headers = { ...existing.headers, ...headers };
    return;
  }
  operation.responses[status] = {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: wireRef('ApiError') } },
  };
}

function appendDescription(operation: OperationObject, text: string): void {
  operation.description = operation.description ? `${operation.description}\n\n${text}` : text;
}
