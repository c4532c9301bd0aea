# syntax=docker/dockerfile:1
# One image for every chargeledger service. There is no build step: services start with
#   node -r @swc-node/register apps/<app>/src/main.ts
# and SWC compiles TypeScript on load, so the image carries sources and production
# dependencies only. The command picks the service (docker-compose.yml, deploy/k8s).

ARG NODE_VERSION=20

# Dependencies are installed on the full image, which has the toolchain a native module
# may need, then copied into the slim runtime.
FROM node:${NODE_VERSION}-bookworm AS deps
WORKDIR /app
ENV npm_config_update_notifier=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    SWC_NODE_CACHE_DIR=/tmp/swc-node
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools/provision ./tools/provision
# Files stay owned by root and read-only to the service user; the root filesystem can be
# mounted read-only, with /tmp (SWC's transform cache) the only writable path.
USER node
EXPOSE 3001 3002 3003 3004 3005 3006
CMD ["node", "-e", "console.error('Choose a service: node -r @swc-node/register apps/<app>/src/main.ts'); process.exit(64)"]
