# A base image for Python apps: children only need `FROM company/python-onbuild`.
FROM python:3.11-slim
LABEL maintainer="platform-team@example.com"
ENV PIP_NO_CACHE_DIR=1 \
    APP_DIR=/srv/app
WORKDIR /srv/app
RUN useradd --create-home --home-dir /srv/app --shell /usr/sbin/nologin app

# These run in the child's build, in the child's context.
ONBUILD ARG EXTRA_INDEX_URL
ONBUILD COPY requirements.txt /srv/app/
ONBUILD RUN pip install ${EXTRA_INDEX_URL:+--extra-index-url "$EXTRA_INDEX_URL"} -r requirements.txt
ONBUILD COPY --chown=app:app . /srv/app
ONBUILD USER app

CMD ["python", "-m", "app"]
