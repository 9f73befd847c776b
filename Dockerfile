# syntax=docker/dockerfile:1
# Commissioning Ledger: one image for the API and the worker (docker-compose.yml picks the command).

# ---- build: full dependency tree, compile TypeScript to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY scripts ./scripts
RUN npm run build

# ---- runtime: production dependencies, compiled code, SQL migrations and seed data ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Migrations and seed data are read from infra/ at run time.
COPY infra ./infra
# The official image ships an unprivileged "node" user (uid 1000); give it a writable data dir only.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
