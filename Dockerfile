# syntax=docker/dockerfile:1
# The bot as a container: HTTP mode behind a load balancer (see "Deployment" in README.md).
# Build stage: every dependency, then the TypeScript build (`npm run build` → dist/).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code, production dependencies and the default handbook, run as the
# image's unprivileged `node` user. Mount your own handbook over /app/content (read-only).
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SLACK_MODE=http \
    PORT=3000 \
    CONTENT_DIR=/app/content
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node content ./content
# DATA_DIR (channel modes and workspace settings without PostgreSQL) must be the bot's to write;
# the parse cache sits under node_modules/.cache, which is already the node user's.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# /healthz answers 503 when a required part (PostgreSQL with OAuth, the Socket Mode connection)
# is down, so the orchestrator restarts a replica that cannot serve.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot itself handles SIGTERM (finish, flush logs, close Redis and PostgreSQL, exit 0) and
# SIGHUP (reload content); run it with an init (`docker run --init`, compose `init: true`) so
# signals reach it and zombies are reaped.
STOPSIGNAL SIGTERM
CMD ["node", "--v8-pool-size=1", "dist/main.js"]
