import { commandAtPath } from '@app/auth';
import { CASE_COMMAND_REQUESTS } from '@app/case-requests';
import { CASE_CONTROLLERS, caseCommandRoutes } from './case-command-routes';

const routes = CASE_CONTROLLERS.flatMap((controller) => caseCommandRoutes(controller).map((route) => ({ controller: controller.name, ...route })));

describe('the API’s case command routes', () => {
  it('give every command of the request rules, one route each', () => {
    const types = routes.map((route) => commandAtPath(route.path)?.type);
    expect([...types].sort()).toEqual(Object.keys(CASE_COMMAND_REQUESTS).sort());
  });

  it.each(routes.map((route) => [`${route.controller}.${route.method}`, route] as const))('%s validates its body by the request class the rules name', (_name, route) => {
    const type = commandAtPath(route.path)?.type;
    expect(type && CASE_COMMAND_REQUESTS[type].body).toBe(route.dto);
  });
});
