import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { join } from 'node:path';
import { CommissioningModule } from '@app/commissioning';
import { DocumentsModule } from '@app/documents';
import { DocumentUploadInterceptor } from '../documents/document-upload.interceptor';
import { AccessModule } from '../access/access.module';
import { BudgetQuery } from '../read-models/budget/budget.query';
import { OutcomesQuery } from '../read-models/outcomes/outcomes.query';
import { PipelineQuery } from '../read-models/pipeline/pipeline.query';
import { WebProblemFilter } from './errors/web-problem.filter';
import { CaseCommands } from './forms/case-commands';
import { CasePagesController } from './pages/case-pages.controller';
import { FrameworkAmendmentPagesController } from './pages/framework-amendment-pages.controller';
import { FrameworkPagesController } from './pages/framework-pages.controller';
import { DocumentPagesController } from './pages/document-pages.controller';
import { HomeController } from './pages/home.controller';
import { FilterOptionsSource } from './pages/filter-options';
import { NewCasePagesController } from './pages/new-case-pages.controller';
import { PublishingPagesController } from './pages/publishing-pages.controller';
import { ReadPagesController } from './pages/read-pages.controller';
import { OidcSignIn } from './sessions/oidc-sign-in';
import { SessionMiddleware } from './sessions/session.middleware';
import { SessionStore } from './sessions/session.store';
import { SignInController } from './sessions/sign-in.controller';
import { WebPage } from './views/page';
import { GOVUK_DIST, MOJ_ROOT, templatesDir, WebViews } from './views/web-views';

/** A framework document is about 100 KB; a form is far smaller. */
const FORM_LIMIT = '256kb';

/**
 * The web app: server-rendered GOV.UK pages for OPCC staff, CSP users and auditors, in the
 * API's process, on its commands, read models and access policy. Forms (urlencoded, or
 * multipart for an upload) are parsed on the web app's routes only; the JSON API keeps JSON.
 */
@Module({
  imports: [AccessModule, CommissioningModule, DocumentsModule],
  // Documents and new cases before the case pages: their :caseId routes would otherwise take /documents and /new.
  controllers: [SignInController, HomeController, DocumentPagesController, NewCasePagesController, CasePagesController, FrameworkPagesController, FrameworkAmendmentPagesController, ReadPagesController, PublishingPagesController],
  providers: [DocumentUploadInterceptor, WebViews, WebPage, SessionStore, SessionMiddleware, OidcSignIn, CaseCommands, WebProblemFilter, BudgetQuery, OutcomesQuery, PipelineQuery, FilterOptionsSource],
  exports: [WebProblemFilter],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    const forms = express.urlencoded({ extended: true, limit: FORM_LIMIT, parameterLimit: 2000 });
    consumer
      .apply(forms, SessionMiddleware)
      .forRoutes({ path: '/', method: RequestMethod.ALL }, { path: 'app', method: RequestMethod.ALL }, { path: 'app/{*rest}', method: RequestMethod.ALL });
  }
}

/** The packages' own assets under /assets (no CDN: the ledger runs offline), and the app's few. */
export function mountWebAssets(app: NestExpressApplication): void {
  const options = { immutable: false, maxAge: '1h', index: false, fallthrough: true } as const;
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), options));
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk'), { ...options, extensions: [] }));
  app.use('/assets', express.static(join(MOJ_ROOT, 'moj'), options));
  app.use('/assets', express.static(join(templatesDir(), '..', 'assets'), options));
}
