import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { resolveConfiguredAccess } from '@app/auth';
import { AppConfig } from '@app/config';
import { Reflector } from '@nestjs/core';
import { jsonBodyBoundary, jsonBodyOptions, MediaTypeGuard, requestLineBoundary, strictValidationPipe } from '@app/platform';
import { ThrottlerStorage } from '@nestjs/throttler';
import { rateLimit } from './access/rate-limit';
import { securityHeaders } from './http/security-headers';
import { WebProblemFilter } from './web/errors/web-problem.filter';
import { mountWebAssets } from './web/web.module';

/** Everything an HTTP app needs beyond its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(AppConfig);
  app.use(rateLimit(app.get<ThrottlerStorage>(ThrottlerStorage), config.RATE_LIMIT_PER_MINUTE));
  app.use(securityHeaders(config.OIDC_ISSUER_URL));
  // No CORS headers at all unless origins are configured: browsers then refuse cross-site calls.
  if (config.CORS_ORIGINS?.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    });
  }
  // The input boundary (libs/platform/src/http/input): headers and query, the JSON body
  // checked as bytes then as a value, the media type each route takes, then each DTO.
  app.use(requestLineBoundary());
  app.useBodyParser('json', jsonBodyOptions);
  app.use(jsonBodyBoundary());
  app.useGlobalGuards(new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(strictValidationPipe());
  // problem+json for the API; for the web app's pages, the same problem as a GOV.UK error page.
  app.useGlobalFilters(app.get(WebProblemFilter));
  mountWebAssets(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Commissioning Ledger')
      .setDescription(
        "Commands and queries of a Police and Crime Commissioner's commissioning lifecycle. " +
          'Every route but /health and /metrics needs a bearer token (`npm run cli -- token --role opcc-staff` prints one); ' +
          'x-access on each operation says which roles it admits. ' +
          'Errors are RFC 9457 application/problem+json. Money is integer pence; dates are Europe/London business dates.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'sub: actor id; role (or roles): opcc-staff, csp, auditor, admin; locality: a CSP user’s' })
      .build(),
  );
  bearerOnce(document);
  resolveConfiguredAccess(document.paths, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    swaggerOptions: { persistAuthorization: true, showExtensions: true },
  });
  return app;
}

/** A method's @Roles and its controller's each declare bearer auth: say it once per operation. */
function bearerOnce(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ security?: unknown[] }>) {
      if (Array.isArray(operation?.security)) operation.security = [...new Set(operation.security.map((s) => JSON.stringify(s)))].map((s) => JSON.parse(s));
    }
  }
}
