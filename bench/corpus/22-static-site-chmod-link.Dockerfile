# syntax=docker/dockerfile:1.6
FROM klakegg/hugo:0.111.3-ext-alpine AS site
WORKDIR /site
COPY . .
ARG HUGO_ENV=production
ARG BASE_URL=https://docs.example.com/
RUN hugo --minify --environment "$HUGO_ENV" --baseURL "$BASE_URL"

FROM nginxinc/nginx-unprivileged:1.27-alpine
# --link makes the layer independent of what is below it.
COPY --link --chmod=0644 nginx.conf /etc/nginx/conf.d/default.conf
COPY --link --from=site --chown=101:101 /site/public /usr/share/nginx/html
COPY --chmod=755 <<'EOF' /docker-entrypoint.d/90-banner.sh
#!/bin/sh
echo "docs site ready" >&2
EOF
EXPOSE 8080
