FROM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN go build -o /bin/app .

FROM alpine:3.20
RUN apk add --no-cache git
RUN git --version > /git-version

FROM gcr.io/distroless/base-debian12
# Stages by index, and files straight out of other images.
COPY --from=0 /bin/app /app
COPY --from=1 /git-version /git-version
COPY --from=busybox:1.36-uclibc /bin/busybox /busybox
COPY --from=docker.io/tianon/gosu:1.17 /usr/local/bin/gosu /gosu
COPY --from=registry.k8s.io/pause:3.9 /pause /pause
ENTRYPOINT ["/app"]
