import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, type SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/cookies';
import { APP_VERSION } from '../version';
import { dtoClasses, dtoMetadata } from './dto-metadata.generated';
import { documentOperations } from './operation-docs';
import { addValidationKeywords } from './validation-schema';
import { addWireSchemas } from './wire-schema';

/** Where the docs are served, under the global prefix: `/api/docs` and `/api/openapi.json`. */
const DOCS_PATH = 'docs';
const DOCUMENT_PATH = 'openapi.json';

const DESCRIPTION = `Real-time departure boards: stations, their departures and alerts, and each board's live event stream.

Board reads are public. Every write is made by a principal: a feed system with an API token (\`Authorization: Bearer <token>\`),
or a person signed in to the console (the session cookie from \`POST /api/auth/login\`, plus the session's \`X-CSRF-Token\` header on writes).
Times are ISO 8601 instants with a UTC offset. Every error has one shape (\`ApiErrorDto\`), and a rejected request changes nothing.

Every write that needs credentials honours an \`Idempotency-Key\` header, and lists it: tokens, users, stations, departures, alerts,
batch updates, line delays, undo, feed settings, schedule uploads, GTFS-Realtime pushes, screen reloads. A key belongs to the caller who sent it
and is claimed before the work starts, so a retry (on any instance) is applied once. Public writes (sign-in, sign-out, a screen's beacon) ignore it.`;

/** Tags in the order the docs list them; a controller without `@ApiTags` gets one named after it. */
const TAGS: Array<[string, string]> = [
  ['boards', "A station's board: one snapshot, or the live stream screens keep open"],
  ['stations', 'The stations boards belong to'],
  ['departures', 'Rows of a board: feeds replace them, operators change them'],
  ['alerts', 'Station-wide messages for passengers'],
  ['operations', 'What a control room does to many rows at once, or takes back'],
  ['updates', 'Batches of changes, for feeds'],
  ['feeds', 'GTFS schedules and GTFS-Realtime feeds'],
  ['auth', 'Console sign-in'],
  ['users', 'Console accounts (admins)'],
  ['tokens', 'API tokens for feed systems (admins)'],
  ['audit', 'Every change: who, when, from where'],
  ['health', 'Liveness'],
];

/**
 * Builds the OpenAPI document from the app's controllers and DTOs (once, at start-up) and serves
 * it at `/api/openapi.json`, with Swagger UI from the installed swagger-ui-dist at `/api/docs`.
 * These routes are plain Express routes, outside the guards: the docs are public.
 */
export async function setupOpenApi(app: NestExpressApplication): Promise<OpenAPIObject> {
  const document = await createOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    useGlobalPrefix: true,
    jsonDocumentUrl: DOCUMENT_PATH,
    raw: ['json'],
    customSiteTitle: 'Headway API',
    swaggerOptions: { defaultModelsExpandDepth: 0, docExpansion: 'list', tryItOutEnabled: false },
  });
  return document;
}

async function createOpenApiDocument(app: NestExpressApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(dtoMetadata);
  const builder = new DocumentBuilder()
    .setTitle('Headway API')
    .setVersion(APP_VERSION)
    .setDescription(DESCRIPTION)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'An API token (feeds): made by an admin with `POST /api/tokens`, or the bootstrap admin token',
      },
      'bearer',
    )
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: 'A console session, set by `POST /api/auth/login`' },
      'session',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: "The session's `csrfToken`: every console write sends it" },
      'csrf',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  // No automatic tags: a controller without `@ApiTags` gets a kebab-case one in `documentOperations`.
  const document = SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false });
  describeSchemas(document);
  documentOperations(app, document);
  // Last: the answers' shapes are the wire types of shared/, as many as the routes refer to.
  addWireSchemas(document);
  return document;
}

/** Schema descriptions from the DTOs' (or their wire types') doc comments, and validation keywords. */
function describeSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  for (const [cls, description] of dtoClasses) {
    const schema = schemas[cls.name];
    if (!schema) continue;
    if (description && !schema.description) schema.description = description;
    addValidationKeywords(schema, cls);
  }
}
