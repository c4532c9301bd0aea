/** Operator API for sites: register, list, get. */
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { countryCode, registryExternalId } from '@chargeledger/contracts';
import {
  decideSite,
  isIanaTimeZone,
  RegistryRefusal,
  type SiteState,
} from '@chargeledger/registry/domain';
import {
  ApiOperation,
  asOperator,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  Authenticated,
} from '@chargeledger/platform/http';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { AggregateResource, viewsOf } from '../http/aggregate-resource';
import { ReadEndpoints } from '../http/read-endpoints';
import { SITES } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

export const ianaTimeZone = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, 'must be an IANA time zone such as "Europe/Berlin"');

const registerSiteBody = z.strictObject({
  siteId: registryExternalId,
  name: z.string().min(1).max(255),
  countryCode,
  timeZone: ianaTimeZone,
});
const siteParams = operatorParams.extend({ siteId: registryExternalId });
const siteView = registerSiteBody.extend({ timeZone: z.string() });
type SiteView = z.infer<typeof siteView>;

function viewOf(state: SiteState, siteId: string): SiteView {
  if (state.status !== 'registered')
    throw new RegistryRefusal('REGISTRY.SITE_NOT_FOUND', `site ${siteId} is not registered`);
  const { status: _, ...view } = state;
  return view;
}

@Controller(`${OPERATOR_ROUTE}/sites`)
@Authenticated('operator')
export class SiteController extends ReadEndpoints({
  tag: 'sites',
  view: siteView,
  path: siteParams,
  idParam: 'siteId',
  list: { operationId: 'listSites', summary: 'List sites in id order' },
  get: { operationId: 'getSite', summary: 'Get a site' },
}) {
  protected readonly resource;

  constructor(executor: RegistryCommandExecutor, store: RegistryStateStore) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: SITES,
      decide: decideSite,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerSite',
    summary: 'Register a site',
    tag: 'sites',
    params: operatorParams,
    body: registerSiteBody,
    idempotent: true,
    response: { status: 201, schema: siteView },
    problems: [409, 422, 503],
  })
  register(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<SiteView> {
    return asOperator(params, async () => {
      const command = validated(registerSiteBody, body, 'body');
      return this.resource.execute(command.siteId, key, { type: 'RegisterSite', ...command });
    });
  }
}
