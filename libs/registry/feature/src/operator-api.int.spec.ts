/**
 * The operator aggregate over the API against real NATS and Postgres: onboarding with
 * billing defaults (rounding HALF_UP unless given), rename and settings changes, and each
 * refusal with its code: twice onboarded, unchanged name or settings, not onboarded,
 * invalid settings naming the field.
 */
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

const onboarding = {
  name: 'Acme Charging',
  settings: { currency: 'EUR', defaultVatRatePercent: '21' },
};

it('onboards the operator with rounding HALF_UP by default and reads it back', async () => {
  const created = await registry.call('POST', acme, onboarding);
  const expected = {
    operatorId: 'acme',
    name: 'Acme Charging',
    settings: { currency: 'EUR', roundingMode: 'HALF_UP', defaultVatRatePercent: '21' },
  };
  expect(created).toMatchObject({ status: 201, body: expected });
  expect(await registry.call('GET', acme)).toMatchObject({ status: 200, body: expected });
  const again = await registry.call('POST', acme, onboarding);
  expect(again.body).toMatchObject({ status: 409, code: 'REGISTRY.OPERATOR_ALREADY_CREATED' });
});

it('renames, and refuses a rename to the current name', async () => {
  const renamed = await registry.call('PUT', `${acme}/name`, { name: 'Acme Energy' });
  expect(renamed).toMatchObject({ status: 200, body: { name: 'Acme Energy' } });
  const same = await registry.call('PUT', `${acme}/name`, { name: 'Acme Energy' });
  expect(same.body).toMatchObject({ status: 409, code: 'REGISTRY.OPERATOR_NAME_UNCHANGED' });
});

it('changes only the settings given, and refuses a change that changes nothing', async () => {
  const changed = await registry.call('PATCH', `${acme}/settings`, { roundingMode: 'HALF_EVEN' });
  expect(changed).toMatchObject({
    status: 200,
    body: { settings: { currency: 'EUR', roundingMode: 'HALF_EVEN', defaultVatRatePercent: '21' } },
  });
  const unchanged = await registry.call('PATCH', `${acme}/settings`, { currency: 'EUR' });
  expect(unchanged.body).toMatchObject({
    status: 409,
    code: 'REGISTRY.OPERATOR_SETTINGS_UNCHANGED',
  });
});

it('names each invalid setting in a 400 problem', async () => {
  const bad = await registry.call('PATCH', `${acme}/settings`, {
    roundingMode: 'BANKERS',
    defaultVatRatePercent: '101',
  });
  expect(bad.status).toBe(400);
  const paths = (bad.body as { errors: { path: string }[] }).errors.map((e) => e.path);
  expect(paths).toEqual(['body.roundingMode', 'body.defaultVatRatePercent']);
  const empty = await registry.call('PATCH', `${acme}/settings`, {});
  expect(empty).toMatchObject({ status: 400, body: { errors: [{ path: 'body' }] } });
  const onboard = await registry.call('POST', '/v1/operators/initech', {
    name: '',
    settings: { currency: 'euro', defaultVatRatePercent: '21' },
  });
  expect((onboard.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
    'body.name',
    'body.settings.currency',
  ]);
});

it('answers 404 OPERATOR_NOT_FOUND for an operator that is not onboarded', async () => {
  const globex = '/v1/operators/globex';
  expect((await registry.call('GET', globex)).body).toMatchObject({
    status: 404,
    code: 'REGISTRY.OPERATOR_NOT_FOUND',
  });
  const rename = await registry.call('PUT', `${globex}/name`, { name: 'Globex' });
  expect(rename.body).toMatchObject({ status: 404, code: 'REGISTRY.OPERATOR_NOT_FOUND' });
});
