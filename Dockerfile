# collab-bulk in a container: `docker run --rm -v "$PWD:/data" -e DOUBLETICK_API_KEY collab-bulk run /data/input.csv --out /data/runs/x`
# Two stages: the build stage compiles TypeScript; the image keeps only dist/ and runtime packages,
# and runs as the unprivileged `node` user. docker/shards.sh runs the compose file's sharded workers.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
# What the collab-bulk launcher sets (scripts/bundle-cli.mjs), for the node this image starts itself:
# two malloc arenas keep V8's helper thread from holding ~8 MB it freed.
ENV MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY fixtures/org.json fixtures/sample.csv ./fixtures/
COPY docker/shards.sh ./docker/
USER node
ENTRYPOINT ["node", "/app/dist/cli/index.js"]
CMD ["--help"]
