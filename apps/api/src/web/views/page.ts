import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Caller, callerOf } from '@app/auth';
import { webSessionOf } from '../sessions/web-session';
import { fieldId, WebViews } from './web-views';

/** The navigation each role sees; the pages behind each link are guarded all the same. */
const NAVIGATION: Record<Caller['role'], Array<{ href: string; text: string }>> = {
  'opcc-staff': [
    { href: '/', text: 'Home' },
    { href: '/app/framework', text: 'Framework' },
    { href: '/app/pipeline', text: 'Pipeline' },
    { href: '/app/outcomes', text: 'Outcomes' },
    { href: '/app/deadlines', text: 'Deadlines' },
    { href: '/app/cases/new', text: 'New case' },
  ],
  csp: [
    { href: '/', text: 'Home' },
    { href: '/app/pipeline', text: 'Our cases' },
    { href: '/app/deadlines', text: 'Deadlines' },
  ],
  auditor: [
    { href: '/', text: 'Home' },
    { href: '/app/audit/log', text: 'Audit log' },
    { href: '/app/audit/verify', text: 'Verify' },
    { href: '/app/framework', text: 'Framework' },
    { href: '/app/outcomes', text: 'Outcomes' },
  ],
  admin: [
    { href: '/', text: 'Home' },
    { href: '/app/framework', text: 'Framework' },
    { href: '/app/pipeline', text: 'Pipeline' },
    { href: '/app/outcomes', text: 'Outcomes' },
    { href: '/app/deadlines', text: 'Deadlines' },
    { href: '/app/audit/log', text: 'Audit log' },
  ],
};

const ROLE_NAMES: Record<Caller['role'], string> = { 'opcc-staff': 'OPCC staff', csp: 'CSP', auditor: 'Auditor', admin: 'Administrator' };

/** A CSP nonce per response, so the GOV.UK template's one inline script runs under the Content-Security-Policy. */
export function cspNonce(response: Response): string {
  const locals = response.locals as { cspNonce?: string };
  locals.cspNonce ??= randomBytes(16).toString('base64');
  return locals.cspNonce;
}

/** The labels of the page's form fields by name: from `fieldLabels`, or the form's own `fields`. */
function labelsOf(data: Record<string, unknown>): Map<string, string> {
  const labels = new Map<string, string>();
  const fields = Array.isArray(data.fields) ? data.fields : [];
  for (const field of fields as Array<{ name?: unknown; label?: unknown }>) {
    if (typeof field?.name === 'string' && typeof field.label === 'string') labels.set(field.name, field.label);
  }
  const given = data.fieldLabels as Record<string, string> | undefined;
  for (const [name, label] of Object.entries(given ?? {})) labels.set(name, label);
  return labels;
}

/** Renders a page with what every page has: who is signed in, their navigation, the form token. */
@Injectable()
export class WebPage {
  constructor(private readonly views: WebViews) {}

  context(request: Request, response: Response, data: Record<string, unknown> = {}): Record<string, unknown> {
    const caller = callerOf(request);
    const session = webSessionOf(request);
    const path = request.path;
    const navigation = (caller ? NAVIGATION[caller.role] : []).map((item) => ({
      ...item,
      active: item.href === '/' ? path === '/' : path.startsWith(item.href),
    }));
    const problem = data.problem as { errors?: Array<{ field: string; reason: string }> } | undefined;
    // The form's inputs may carry a prefix (several forms on one page): the summary links to them.
    const prefixed = (field: string) => (typeof data.errorPrefix === 'string' ? `${data.errorPrefix}.${field}` : field);
    const dates = Array.isArray(data.dateFields) ? data.dateFields.map(String).map(prefixed) : [];
    // A problem with one item of a group of checkboxes (instalmentIds[1]) is the group's: it links to its first box.
    const groups = new Set(Array.isArray(data.groupFields) ? data.groupFields.map(String) : []);
    const ofGroup = (field: string) => (groups.has(field.replace(/\[\d+\]$/, '')) ? field.replace(/\[\d+\]$/, '') : field);
    // The summary names a field by the label the person sees ("New total budget"), not the API's name for it.
    const labels = labelsOf(data);
    const labelOf = (field: string) => labels.get(ofGroup(field)) ?? labels.get(field.replace(/\[(\d+)\]/g, '.$1')) ?? field;
    const messageOf = (error: { field: string; reason: string }) => {
      const label = labelOf(error.field);
      // "estimatedValuePence must be a positive number" reads "Estimated value must be a positive number".
      const property = error.field.split('.').pop()?.replace(/\[\d+\]$/, '') ?? error.field;
      if (error.reason.startsWith(`${property} `)) return `${label}${error.reason.slice(property.length)}`;
      return label === error.field ? `${error.field}: ${error.reason}` : `${label}: ${error.reason}`;
    };
    const errorList = (problem?.errors ?? []).map((error) => ({ text: messageOf(error), href: `#${fieldId(prefixed(ofGroup(error.field)), dates)}` }));
    return {
      caller,
      errorList,
      // By the name a problem gives (instalments[0].pence) and by the form's dotted name (instalments.0.pence).
      fieldError: Object.fromEntries(
        (problem?.errors ?? []).flatMap((error) =>
          [ofGroup(error.field), error.field, error.field.replace(/\[(\d+)\]/g, '.$1')].map((name) => [name, { text: messageOf(error) }]),
        ),
      ),
      roleName: caller ? ROLE_NAMES[caller.role] : undefined,
      csrfToken: session?.csrfToken,
      cspNonce: cspNonce(response),
      navigation,
      ...data,
    };
  }

  html(request: Request, response: Response, template: string, data: Record<string, unknown> = {}, status = 200): string {
    const body = this.views.render(template, this.context(request, response, data));
    response.status(status).type('html');
    // Pages show what one person may see: never kept by a shared cache.
    response.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
