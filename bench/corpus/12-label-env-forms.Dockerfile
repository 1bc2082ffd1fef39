FROM ubuntu:24.04
MAINTAINER Jane Doe <jane@example.com>

# Legacy space-separated forms: one key, the rest of the line is the value.
ENV DEBIAN_FRONTEND noninteractive
ENV APP_HOME /opt/my app
LABEL description This label value has spaces in it

# Key=value forms, several per instruction, quoted and escaped values.
ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    GREETING="hello world" \
    SINGLE='single quoted $NOT_EXPANDED' \
    ESCAPED=with\ escaped\ spaces \
    REFERENCE=${APP_HOME}/bin
LABEL "com.example.vendor"="ACME Incorporated" \
      com.example.label-with-value="foo" \
      version="1.0" \
      multi.line="one \
two"
LABEL org.opencontainers.image.source=https://github.com/example/app

RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR $APP_HOME
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["bash"]
