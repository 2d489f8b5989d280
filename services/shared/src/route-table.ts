// The one definition of how paths map to services: read by the local gateway, docker-compose checks and the CDK.

export interface ServiceRoute {
  /** Service (and workspace, image, log group) name. */
  service: 'users' | 'tutoring' | 'groups';
  /** Every path of this service starts with this prefix, locally and on the ALB. */
  pathPrefix: string;
  /** Port the service listens on in the local stack. */
  localPort: number;
  /** Port the service listens on inside its container. */
  containerPort: number;
  /** Liveness path, for load balancer target groups and container health checks. */
  healthPath: string;
  /** Readiness path: dependencies reachable and not shutting down. */
  readyPath: string;
  /** ALB listener rule priority (lower wins). */
  priority: number;
}

function serviceRoute(service: ServiceRoute['service'], localPort: number, priority: number): ServiceRoute {
  const pathPrefix = `/api/${service}`;
  return {
    service,
    pathPrefix,
    localPort,
    containerPort: 3000,
    healthPath: `${pathPrefix}/healthz`,
    readyPath: `${pathPrefix}/readyz`,
    priority,
  };
}

export const routeTable: readonly ServiceRoute[] = [
  serviceRoute('users', 3001, 10),
  serviceRoute('tutoring', 3002, 20),
  serviceRoute('groups', 3003, 30),
];

/** Everything no service claims goes to the web app. */
export const webAppRoute = { service: 'web', localPort: 8080, containerPort: 8080, healthPath: '/' } as const;

export function routeFor(service: ServiceRoute['service']): ServiceRoute {
  const route = routeTable.find((r) => r.service === service);
  if (!route) throw new Error(`no route for service ${service}`);
  return route;
}
