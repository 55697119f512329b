import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Where a service serves its OpenAPI document, and whether with Swagger UI beside it. */
export interface ApiDocsOptions {
  /** The UI's path (with `ui`); the document itself is served at `<path>-json`. */
  readonly path: string;
  readonly ui: boolean;
  readonly description?: string;
}

/** Internal services: the JSON document only, on their own (internal) port, at /openapi-json. */
export const INTERNAL_API_DOCS: ApiDocsOptions = { path: 'openapi', ui: false };

/**
 * The OpenAPI 3.1 document of a service's HTTP API, read from its controllers: their routes, and
 * the bodies and queries their zod schemas describe (`ApiBodyFrom`, `ApiQueryFrom`). Generated,
 * never written by hand: `npm run docs:api` commits it, and a spec fails when it drifts.
 */
export function openApiDocument(app: INestApplication, name: string, options: ApiDocsOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(name)
    .setDescription(options.description ?? `The HTTP API of ${name}.`)
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}.${method}` });
}

/** Serves the document (and, for the public edge, Swagger UI from the local swagger-ui-dist). */
export function serveApiDocs(app: INestApplication, name: string, options: ApiDocsOptions): void {
  const document = openApiDocument(app, name, options);
  SwaggerModule.setup(options.path, app, document, { ui: options.ui, raw: ['json'] });
}

/** A request body described by the zod schema that validates it, so the two cannot disagree. */
export function ApiBodyFrom(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: jsonSchemaOf(schema) as object, description });
}

/** Query parameters described by the zod object schema that validates them. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: required.includes(name), schema: property }),
    ),
  );
}

/** The error body every service answers with (see ErrorFilter), for the statuses given. */
const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable and machine-readable, e.g. CHECKOUT.NOT_FOUND' },
    message: { type: 'string', description: 'Written for the client; never a stack trace' },
    details: { type: 'array', items: { type: 'string' }, description: 'Each invalid field with what was expected' },
  },
};

const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request is malformed; `details` names each bad field. Nothing changed.',
  401: 'The operator token is missing.',
  403: 'The operator token is wrong, or the request is cross-site.',
  404: 'No such resource.',
  409: 'The resource is in a state that does not allow this.',
  415: 'The body must be JSON.',
  429: 'Too many requests from this client; `Retry-After` says when to try again.',
  503: 'A dependency is away or the service is shedding load; retry after `Retry-After` seconds.',
};

/** Documents the error answers an operation can give, each with the shared error body. */
export function ApiErrors(...statuses: (keyof typeof ERROR_MEANINGS)[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANINGS[status], schema: ERROR_BODY })),
  );
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return rest;
}
