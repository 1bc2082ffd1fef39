# syntax=docker/dockerfile:1.7-labs
FROM node:20-slim AS deps
WORKDIR /repo
# Keep the directory structure of every workspace's package.json.
COPY --parents packages/*/package.json package.json package-lock.json ./
RUN npm ci --workspaces --include-workspace-root

FROM deps AS build
COPY --exclude=**/*.test.ts --exclude=**/__snapshots__ . .
RUN npm run build --workspaces

FROM node:20-slim
WORKDIR /repo
COPY --from=build --parents /repo/packages/*/dist /
COPY --from=deps /repo/node_modules ./node_modules
CMD ["node", "packages/server/dist/index.js"]
