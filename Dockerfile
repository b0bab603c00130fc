# Teilhabe as a container image (docs/operations.md, decision 0046). Two stages: the first installs
# everything and builds, the second keeps the build and the runtime dependencies only.
# Built and run by CI only as far as tests/repo/container.test.ts reads it: Docker is not part of CI.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx react-router build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The embedded database and, with it, the case-work key file live in /data; /keys takes a key file
# made by compose.yaml's keygen service. Both belong to the unprivileged user the server runs as.
RUN mkdir -p /data /keys && chown node:node /data /keys
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness only: the process answers. Readiness (/health/ready) is for a load balancer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm start: that would install and build): SIGTERM reaches the server, which
# finishes running requests before it ends (SHUTDOWN_TIMEOUT_SECONDS).
CMD ["node", "server.js"]
