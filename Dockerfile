# syntax=docker/dockerfile:1

# ---- build: compile TypeScript and native modules, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

# better-sqlite3 falls back to compiling from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Manifests first so the dependency layer is cached across source-only changes.
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime: only what `node dist/bot/main.js` needs, as an unprivileged user ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    DATABASE_PATH=/app/data/switchboard.db

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The directory must exist and belong to `node` before VOLUME, so a fresh named volume
# inherits that ownership and SQLite (with its -wal/-shm files) can write there.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

USER node

EXPOSE 9464

# Slim images have no curl; Node 20's global fetch does the probe, on PORT when it is set.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||9464)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "dist/bot/main.js"]
