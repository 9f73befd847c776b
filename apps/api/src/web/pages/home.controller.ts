import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { callerOf, Public } from '@app/auth';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { addDays, businessDateOf, DomainError, financialYearOf } from '@app/domain';
import { Clock } from '@app/platform';
import { findDeadlines } from '@app/projections/deadlines';
import { AccessPolicy } from '../../access/access-policy';
import { BudgetQuery } from '../../read-models/budget/budget.query';
import { OutcomesQuery } from '../../read-models/outcomes/outcomes.query';
import { PipelineQuery } from '../../read-models/pipeline/pipeline.query';
import { OidcSignIn } from '../sessions/oidc-sign-in';
import { webSessionOf } from '../sessions/web-session';
import { WebPage } from '../views/page';
import { budgetCharts } from './home.presenter';
import { pipelineItem } from '@app/projections/pipeline';

/** Who may see a home page at all: every role; a CSP user's is held to its locality. */
const HOME = { grants: ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'] } as const;

/** `/`: the sign-in page for nobody signed in, else the home page of the caller's role. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly page: WebPage,
    private readonly budget: BudgetQuery,
    private readonly outcomes: OutcomesQuery,
    private readonly pipeline: PipelineQuery,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly oidc: OidcSignIn,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}

  @Get()
  @Public()
  async home(@Query('year') year: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (!webSessionOf(request)?.principal) return this.signIn(request, response);
    await this.policy.admit(request, response, { grants: HOME.grants });
    const caller = callerOf(request);
    const today = businessDateOf(this.clock.now());
    const years = await this.budget.years();
    const chosen = typeof year === 'string' && years.includes(year) ? year : (years.find((y) => y === financialYearOf(today)) ?? years[0]);
    const base = { title: 'Home', today, years, year: chosen };
    if (caller?.role === 'csp') return this.page.html(request, response, 'pages/home-csp.njk', { ...base, ...(await this.csp(caller.locality ?? '', today)) });
    if (caller?.role === 'auditor') return this.page.html(request, response, 'pages/home-auditor.njk', base);
    return this.page.html(request, response, 'pages/home-staff.njk', { ...base, ...(chosen ? await this.staff(chosen, today) : {}) });
  }

  private signIn(request: Request, response: Response): string {
    return this.page.html(request, response, 'pages/sign-in.njk', {
      title: 'Sign in',
      oidc: this.oidc.enabled,
      devSignIn: this.config.NODE_ENV !== 'production',
    });
  }

  private async staff(year: string, today: string) {
    const view = await this.budget.view(year).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    const [upcoming, outcomes, waiting] = await Promise.all([
      findDeadlines(this.db, { status: ['open', 'missed'], dueAfter: addDays(today, -1), dueBefore: addDays(today, 29), limit: 20 }),
      this.outcomes.list({ financialYear: year }, { limit: 500, offset: 0 }),
      this.pipeline.find({ financialYear: year }, { limit: 500, offset: 0 }),
    ]);
    const items = outcomes.items;
    return {
      budget: view,
      charts: view ? budgetCharts(view) : [],
      upcoming: upcoming.items,
      overdue: items.filter((o) => o.overdue),
      red: items.filter((o) => o.rag === 'red'),
      underAchieving: items.filter((o) => o.underAchieving),
      waiting: waiting.docs.map((doc) => pipelineItem(doc, today)).filter((c) => c.phase === 'pre-award').sort((a, b) => b.daysInStage - a.daysInStage).slice(0, 20),
    };
  }

  private async csp(locality: string, today: string) {
    const [cases, deadlines] = await Promise.all([
      this.pipeline.find({ locality }, { limit: 100, offset: 0 }),
      findDeadlines(this.db, { locality, status: ['open', 'missed'], limit: 20 }),
    ]);
    return { locality, cases: cases.docs.map((doc) => pipelineItem(doc, today)), deadlines: deadlines.items };
  }
}
