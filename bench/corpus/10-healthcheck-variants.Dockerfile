FROM redis:7.2-alpine AS cache-probe
# Shell form with the default shell.
HEALTHCHECK --interval=5s --timeout=2s --retries=5 CMD redis-cli ping | grep -q PONG

FROM postgres:16-alpine AS db
ENV POSTGRES_DB=app \
    POSTGRES_USER=app
COPY initdb/ /docker-entrypoint-initdb.d/
# Exec form; start-interval only applies while the container is starting.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --start-interval=2s --retries=3 \
  CMD ["pg_isready", "-U", "app", "-d", "app"]

FROM db AS db-nocheck
# Turn off the check inherited from the parent stage.
HEALTHCHECK NONE

FROM httpd:2.4 AS web
COPY public-html/ /usr/local/apache2/htdocs/
HEALTHCHECK --interval=1m30s --timeout=10s \
    CMD curl --fail --silent --show-error http://localhost/ > /dev/null || exit 1
STOPSIGNAL SIGWINCH
