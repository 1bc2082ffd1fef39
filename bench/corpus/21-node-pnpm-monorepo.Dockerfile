# syntax=docker/dockerfile:1
ARG NODE_VERSION=20-alpine

FROM node:${NODE_VERSION} AS base
ENV PNPM_HOME="/pnpm"
ENV PATH="$PNPM_HOME:$PATH"
RUN corepack enable
WORKDIR /repo

FROM base AS fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
# Fetch into the store from the lockfile alone.
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch

FROM fetch AS build
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline
RUN pnpm --filter "@acme/api..." build \
 && pnpm --filter "@acme/worker..." build
RUN pnpm deploy --filter=@acme/api --prod /out/api \
 && pnpm deploy --filter=@acme/worker --prod /out/worker

FROM base AS api
COPY --from=build /out/api /app
WORKDIR /app
ENV NODE_ENV=production PORT=4000
EXPOSE 4000
USER node
CMD ["node", "dist/index.js"]

FROM base AS worker
COPY --from=build /out/worker /app
WORKDIR /app
ENV NODE_ENV=production
USER node
CMD ["node", "dist/worker.js"]
