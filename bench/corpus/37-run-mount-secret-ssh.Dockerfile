# syntax=docker/dockerfile:1
FROM alpine:3.20 AS fetch
RUN apk add --no-cache git openssh-client
RUN mkdir -p -m 0700 ~/.ssh && ssh-keyscan github.com >> ~/.ssh/known_hosts
# The SSH agent socket is forwarded only for this command.
RUN --mount=type=ssh git clone git@github.com:example/private-lib.git /src/private-lib
# The token is mounted as a file and never stored in a layer.
RUN --mount=type=secret,id=npm_token,target=/run/secrets/npm_token,required=true \
    echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/npm_token)" > /tmp/npmrc.check \
    && rm /tmp/npmrc.check
RUN --mount=type=secret,id=aws,env=AWS_SHARED_CREDENTIALS_FILE \
    --mount=type=tmpfs,target=/scratch \
    ls /scratch

FROM node:20-alpine AS build
WORKDIR /app
COPY --from=fetch /src/private-lib ./vendor/private-lib
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=cache,target=/root/.npm,sharing=private \
    npm ci
COPY . .
RUN --network=none npm run build

FROM node:20-alpine
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
# Read a file from another stage without copying it into this one.
RUN --mount=type=bind,from=build,source=/app/package.json,target=/tmp/package.json \
    node -e "console.log(require('/tmp/package.json').version)" > VERSION
CMD ["node", "dist/main.js"]
