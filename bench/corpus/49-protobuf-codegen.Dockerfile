ARG PROTOC_VERSION=27.2
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION}-bookworm AS protoc
ARG PROTOC_VERSION
RUN apt-get update && apt-get install -y --no-install-recommends unzip && rm -rf /var/lib/apt/lists/* \
 && curl -fsSLo /tmp/protoc.zip \
      "https://github.com/protocolbuffers/protobuf/releases/download/v${PROTOC_VERSION}/protoc-${PROTOC_VERSION}-linux-x86_64.zip" \
 && unzip -q /tmp/protoc.zip -d /usr/local \
 && rm /tmp/protoc.zip
RUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.34.2 \
 && go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.4.0

FROM protoc AS gen
WORKDIR /work
COPY proto/ proto/
RUN mkdir -p gen/go \
 && protoc -I proto \
      --go_out=gen/go --go_opt=paths=source_relative \
      --go-grpc_out=gen/go --go-grpc_opt=paths=source_relative \
      $(find proto -name '*.proto')

FROM scratch AS export
COPY --from=gen /work/gen /
