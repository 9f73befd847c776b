import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter, strictValidationPipe } from '@app/platform';

/** Everything an HTTP app needs beyond its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: NestExpressApplication): NestExpressApplication {
  // A framework document is about 100 KB; nothing the API takes is near 2 MB.
  app.useBodyParser('json', { limit: '2mb' });
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Commissioning Ledger')
      .setDescription(
        "Commands and queries of a Police and Crime Commissioner's commissioning lifecycle. " +
          'Errors are RFC 9457 application/problem+json. Money is integer pence; dates are Europe/London business dates.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
