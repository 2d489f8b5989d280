// What the release smoke test checks for each deployment group, built from the service catalog at synth time and
// handed to the smoke-test function as configuration (so the function itself imports nothing of the project).
import { apiServices, openApiPath, services, webApp } from '@tutoring-platform/shared/catalog';
import type { EnvironmentConfig } from './config/environments';
import { deploymentGroupName } from './names';
import type { SmokeJourney } from '../smoke-test/smoke-journey';

const signer = apiServices.find((s) => s.tokens === 'signs')!;

export function smokeJourneys(config: Pick<EnvironmentConfig, 'name'>): Record<string, SmokeJourney> {
  const journeys: Record<string, SmokeJourney> = {};
  for (const service of apiServices) {
    const at = (p: string) => `${service.pathPrefix}${p === '/' ? '' : p}`;
    journeys[deploymentGroupName(config, service.name)] = {
      deployable: service.name,
      anonymous: [service.healthPath, service.readyPath, openApiPath(service), at(service.smoke.anonymousRead)],
      // The replacement tasks of the signer take the sign-in themselves; any other release signs in on prod and
      // shows the token to its replacement tasks.
      signIn: { origin: service === signer ? 'test' : 'prod', pathPrefix: services[signer.name].pathPrefix },
      signedIn: [at(service.smoke.signedInRead)],
    };
  }
  journeys[deploymentGroupName(config, webApp.name)] = {
    deployable: webApp.name,
    anonymous: [webApp.healthPath, webApp.smoke.anonymousRead],
    signIn: { origin: 'prod', pathPrefix: services[signer.name].pathPrefix },
    signedIn: [],
  };
  return journeys;
}
