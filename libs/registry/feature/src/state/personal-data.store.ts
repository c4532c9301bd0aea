/**
 * The only home of personal data: drivers' names and e-mails, account holders' names,
 * billing addresses and VAT ids. Written by command handlers (never from events, which
 * carry none of it) and deleted on erasure. A driver's row is only written while the
 * projected driver is registered, so a late retry cannot bring erased data back.
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';

export const billingAddressSchema = z.strictObject({
  line1: z.string().min(1).max(200),
  line2: z.string().min(1).max(200).optional(),
  postalCode: z.string().min(1).max(20),
  city: z.string().min(1).max(100),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
});

export interface DriverPersonalData {
  readonly name: string;
  readonly email: string;
}

export interface AccountHolder {
  readonly name: string;
  readonly billingAddress: z.infer<typeof billingAddressSchema>;
  readonly vatId: string | null;
}

const driverRow = z.object({ driver_id: z.string(), name: z.string(), email: z.string() });
const holderRow = z.object({
  account_id: z.string(),
  holder_name: z.string(),
  billing_address: billingAddressSchema,
  vat_id: z.string().nullable(),
});

@Injectable()
export class PersonalDataStore extends TenantScopedRepository {
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async saveDriver(driverId: string, data: DriverPersonalData): Promise<void> {
    await this.queryForTenant(
      z.unknown(),
      `INSERT INTO driver_personal_data (operator_id, driver_id, name, email)
       SELECT $1, $2, $3, $4 WHERE EXISTS (
         SELECT 1 FROM drivers_v1 WHERE operator_id = $1 AND id = $2
           AND state->>'status' = 'registered')
       ON CONFLICT DO NOTHING`,
      [driverId, data.name, data.email],
    );
  }

  async eraseDriver(driverId: string): Promise<void> {
    await this.queryForTenant(
      z.unknown(),
      'DELETE FROM driver_personal_data WHERE operator_id = $1 AND driver_id = $2',
      [driverId],
    );
  }

  async drivers(driverIds: readonly string[]): Promise<Map<string, DriverPersonalData>> {
    const rows = await this.queryForTenant(
      driverRow,
      `SELECT driver_id, name, email FROM driver_personal_data
       WHERE operator_id = $1 AND driver_id = ANY($2::text[])`,
      [driverIds],
    );
    return new Map(rows.map((r) => [r.driver_id, { name: r.name, email: r.email }]));
  }

  async saveAccountHolder(accountId: string, holder: AccountHolder): Promise<void> {
    await this.queryForTenant(
      z.unknown(),
      `INSERT INTO customer_account_personal_data (operator_id, account_id, holder_name, billing_address, vat_id)
       SELECT $1, $2, $3, $4::jsonb, $5 WHERE EXISTS (
         SELECT 1 FROM customer_accounts_v1 WHERE operator_id = $1 AND id = $2)
       ON CONFLICT DO NOTHING`,
      [accountId, holder.name, JSON.stringify(holder.billingAddress), holder.vatId],
    );
  }

  async accountHolders(accountIds: readonly string[]): Promise<Map<string, AccountHolder>> {
    const rows = await this.queryForTenant(
      holderRow,
      `SELECT account_id, holder_name, billing_address, vat_id FROM customer_account_personal_data
       WHERE operator_id = $1 AND account_id = ANY($2::text[])`,
      [accountIds],
    );
    return new Map(
      rows.map((r) => [
        r.account_id,
        { name: r.holder_name, billingAddress: r.billing_address, vatId: r.vat_id },
      ]),
    );
  }
}
