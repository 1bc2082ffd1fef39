FROM alpine:3.20
RUN apk add --no-cache bash jq curl
COPY entrypoint.sh /usr/local/bin/
ENTRYPOINT ["entrypoint.sh"]
