/**
 * A customer account was opened with its contract terms. The holder's name, billing
 * address and VAT id stay in the registry's tables; the event carries only the id.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencyCode } from '../../values/values';
import { accountKind, billingMode, pseudonymousId } from '../../values/registry-values';

export const CustomerAccountOpenedV1 = defineEvent({
  context: 'registry',
  name: 'CustomerAccountOpened',
  version: 1,
  aggregate: 'customer-account',
  schema: z.strictObject({
    accountId: pseudonymousId,
    kind: accountKind,
    billingMode,
    currency: currencyCode,
  }),
});
