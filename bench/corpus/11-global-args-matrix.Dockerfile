# Global ARGs pick base images; each stage renews the ones it reads.
ARG REGISTRY=docker.io
ARG DISTRO=debian
ARG DISTRO_VERSION=bookworm
ARG NODE_MAJOR=20
ARG PYTHON_VERSION=3.12.4
ARG APP_USER=app
ARG APP_UID=1000

FROM ${REGISTRY}/library/${DISTRO}:${DISTRO_VERSION} AS os
ARG DISTRO
ARG DISTRO_VERSION
RUN echo "building on ${DISTRO} ${DISTRO_VERSION}" > /etc/build-os

FROM ${REGISTRY}/library/node:${NODE_MAJOR}-${DISTRO_VERSION} AS frontend
ARG NODE_MAJOR
WORKDIR /ui
COPY ui/package.json ui/yarn.lock ./
RUN corepack enable && yarn install --frozen-lockfile
COPY ui/ .
RUN yarn build && echo "node ${NODE_MAJOR}" > dist/BUILT_WITH

FROM ${REGISTRY}/library/python:${PYTHON_VERSION}-slim-${DISTRO_VERSION} AS backend
ARG PYTHON_VERSION
ARG APP_USER
ARG APP_UID
# Not renewed: DISTRO is empty in this stage, which is what the label shows.
LABEL python.version=${PYTHON_VERSION} \
      distro.unset="${DISTRO}"
RUN useradd --uid "${APP_UID}" --create-home "${APP_USER}"
WORKDIR /home/${APP_USER}/app
COPY --chown=${APP_USER} pyproject.toml ./
RUN pip install --no-cache-dir .
COPY --from=frontend --chown=${APP_USER} /ui/dist ./static
COPY --from=os /etc/build-os /etc/build-os
USER ${APP_USER}
ENV APP_PORT=8000
EXPOSE ${APP_PORT}
CMD python -m uvicorn app.main:app --host 0.0.0.0 --port "$APP_PORT"
