/**
 * The API token secret of the local stack (`npm start`, docker compose, `chargeledger
 * token`), public on purpose so a fresh checkout works without setup. It lives here and
 * nowhere in the services' configuration: production sets its own key, and a service
 * without one refuses to start.
 */
export const LOCAL_DEV_AUTH_JWT_SECRET = 'chargeledger-local-dev-only-never-in-production';
