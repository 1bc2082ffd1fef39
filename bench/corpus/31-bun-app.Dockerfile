ARG BUN_VERSION=1.1.20
FROM oven/bun:${BUN_VERSION}-slim AS modules
WORKDIR /modules
COPY package.json bun.lockb ./
# Two installs: everything for the build, production only for the image.
RUN bun install --frozen-lockfile \
    && mkdir /prod && cp package.json bun.lockb /prod/ \
    && cd /prod && bun install --frozen-lockfile --production

FROM oven/bun:${BUN_VERSION}-slim AS bundle
WORKDIR /app
COPY --from=modules /modules/node_modules ./node_modules
COPY tsconfig.json package.json ./
COPY src/ src/
RUN bun test \
    && bun build src/server.ts --target=bun --minify --outdir=dist

FROM oven/bun:${BUN_VERSION}-distroless AS image
WORKDIR /app
COPY --from=modules /prod/node_modules ./node_modules
COPY --from=bundle /app/dist ./dist
ENV NODE_ENV=production
EXPOSE 3000/tcp
ENTRYPOINT ["bun", "run", "dist/server.js"]
