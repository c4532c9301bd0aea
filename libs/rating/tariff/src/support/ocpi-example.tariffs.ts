// Test support: the example tariffs of OCPI 2.2.1 mod_tariffs, as the text of each example
// describes them (step sizes and bounds follow the 2.2.1 text where later example JSON
// differs).
const energy = (price: number, vat: number | undefined, step: number) => ({
  type: 'ENERGY',
  price,
  ...(vat === undefined ? {} : { vat }),
  step_size: step,
});
const flat = (price: number, vat: number) => ({ type: 'FLAT', price, vat, step_size: 1 });
const timed = (
  type: 'TIME' | 'PARKING_TIME',
  price: number,
  vat: number | undefined,
  step: number,
) => ({
  type,
  price,
  ...(vat === undefined ? {} : { vat }),
  step_size: step,
});
const base = {
  country_code: 'DE',
  party_id: 'ALL',
  currency: 'EUR',
  last_updated: '2019-01-01T00:00:00Z',
};

export const simple025PerKwh = {
  ...base,
  id: '8',
  elements: [{ price_components: [energy(0.25, 10, 1)] }],
};

export const start050Plus025PerKwh = {
  ...base,
  id: '9',
  elements: [{ price_components: [flat(0.5, 20), energy(0.25, 10, 1)] }],
};

export const minPrice = {
  ...base,
  id: '12',
  min_price: { excl_vat: 0.5, incl_vat: 0.55 },
  elements: [{ price_components: [energy(0.25, 10, 1)] }],
};

export const parkingAndStart = {
  ...base,
  id: '10',
  elements: [
    { price_components: [flat(0.5, 20), energy(0.25, 10, 1), timed('PARKING_TIME', 2, 20, 900)] },
  ],
};

export const startAndMaxPrice = {
  ...base,
  id: '6',
  max_price: { excl_vat: 10, incl_vat: 11 },
  end_date_time: '2019-06-30T23:59:59Z',
  elements: [{ price_components: [flat(0.5, 20), energy(0.25, 10, 1)] }],
};

export const simple2PerHour = {
  ...base,
  id: '1',
  elements: [{ price_components: [timed('TIME', 2, 10, 60)] }],
};

export const time3Parking5 = {
  ...base,
  id: '13',
  elements: [{ price_components: [timed('TIME', 3, 10, 60), timed('PARKING_TIME', 5, 20, 300)] }],
};

export const adHocAltText = {
  ...base,
  id: '2',
  type: 'AD_HOC_PAYMENT',
  tariff_alt_text: [{ language: 'en', text: '2.00 euro p/hour including VAT.' }],
  elements: [{ price_components: [timed('TIME', 1.9, 5.2, 300)] }],
};

export const adHocNotPossible = {
  ...base,
  id: '11',
  type: 'AD_HOC_PAYMENT',
  elements: [{ price_components: [flat(0.4, 25), timed('TIME', 1.9, 5.2, 300)] }],
};

export const altUrlProfileCheap = (pricePerKwh: number) => ({
  ...base,
  id: '3',
  type: 'PROFILE_CHEAP',
  tariff_alt_url: 'https://company.com/tariffs/13',
  elements: [{ price_components: [energy(pricePerKwh, 10, 100)] }],
});

const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
export const complex = {
  ...base,
  id: '4',
  type: 'REGULAR',
  elements: [
    { price_components: [{ type: 'FLAT', price: 2.5, vat: 15, step_size: 1 }] },
    { price_components: [timed('TIME', 1, 20, 900)], restrictions: { max_current: 32 } },
    {
      price_components: [timed('TIME', 2, 20, 600)],
      restrictions: { min_current: 32, day_of_week: weekdays },
    },
    {
      price_components: [timed('TIME', 1.25, 20, 600)],
      restrictions: { min_current: 32, day_of_week: ['SATURDAY', 'SUNDAY'] },
    },
    {
      price_components: [timed('PARKING_TIME', 5, 10, 300)],
      restrictions: { start_time: '09:00', end_time: '18:00', day_of_week: weekdays },
    },
    {
      price_components: [timed('PARKING_TIME', 6, 10, 300)],
      restrictions: { start_time: '10:00', end_time: '17:00', day_of_week: ['SATURDAY'] },
    },
  ],
};

export const freeOfCharge = {
  ...base,
  id: '5',
  elements: [{ price_components: [{ type: 'FLAT', price: 0, step_size: 0 }] }],
};

export const firstHourParkingAndKwhFree = {
  ...base,
  id: '7',
  elements: [
    {
      price_components: [timed('PARKING_TIME', 0, undefined, 60)],
      restrictions: { min_duration: 0, max_duration: 3600 },
    },
    {
      price_components: [timed('PARKING_TIME', 2, undefined, 60)],
      restrictions: { min_duration: 3600, max_duration: 10800 },
    },
    {
      price_components: [timed('PARKING_TIME', 3, undefined, 60)],
      restrictions: { min_duration: 10800 },
    },
    { price_components: [energy(0, undefined, 1)], restrictions: { max_kwh: 1 } },
    { price_components: [energy(0.2, undefined, 1)], restrictions: { min_kwh: 1 } },
  ],
};

export const stepSizeSwitching = {
  ...base,
  id: '14',
  elements: [
    {
      price_components: [
        timed('TIME', 1.2, undefined, 1800),
        timed('PARKING_TIME', 1, undefined, 900),
      ],
      restrictions: { start_time: '00:00', end_time: '17:00' },
    },
    {
      price_components: [
        timed('TIME', 2.4, undefined, 900),
        timed('PARKING_TIME', 1, undefined, 900),
      ],
      restrictions: { start_time: '17:00', end_time: '20:00' },
    },
    {
      price_components: [timed('TIME', 2.4, undefined, 900)],
      restrictions: { start_time: '20:00', end_time: '23:59' },
    },
  ],
};

const startAndEnergy = { price_components: [flat(0.5, 20), energy(0.25, 10, 1)] };
export const reservation5PerHour = {
  ...base,
  id: '15',
  elements: [
    { price_components: [timed('TIME', 5, 20, 60)], restrictions: { reservation: 'RESERVATION' } },
    startAndEnergy,
  ],
};

export const reservationFeeAnd5PerHour = {
  ...base,
  id: '16',
  elements: [
    {
      price_components: [flat(2, 20), timed('TIME', 5, 20, 300)],
      restrictions: { reservation: 'RESERVATION' },
    },
    startAndEnergy,
  ],
};

export const reservationExpireFee = {
  ...base,
  id: '17',
  elements: [
    { price_components: [flat(4, 20)], restrictions: { reservation: 'RESERVATION_EXPIRES' } },
    { price_components: [timed('TIME', 2, 20, 600)], restrictions: { reservation: 'RESERVATION' } },
    startAndEnergy,
  ],
};

export const reservationExpireTime = {
  ...base,
  id: '18',
  elements: [
    {
      price_components: [timed('TIME', 6, 20, 600)],
      restrictions: { reservation: 'RESERVATION_EXPIRES' },
    },
    { price_components: [timed('TIME', 3, 20, 600)], restrictions: { reservation: 'RESERVATION' } },
    startAndEnergy,
  ],
};

export const maxPowerTiers = {
  ...base,
  id: 'mp',
  elements: [
    { price_components: [energy(0.2, 20, 1)], restrictions: { max_power: 16 } },
    { price_components: [energy(0.35, 20, 1)], restrictions: { max_power: 32 } },
    { price_components: [energy(0.5, 20, 1)] },
  ],
};

export const maxDurationTiers = {
  ...base,
  id: 'md',
  elements: [
    { price_components: [energy(0, 20, 1)], restrictions: { max_duration: 1800 } },
    { price_components: [energy(0.25, 20, 1)], restrictions: { max_duration: 3600 } },
    { price_components: [energy(0.4, 20, 1)] },
  ],
};
