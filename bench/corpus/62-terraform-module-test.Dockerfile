ARG TF_VERSION=1.9.2
FROM hashicorp/terraform:${TF_VERSION} AS terraform

FROM golang:1.22-alpine AS terratest
RUN apk add --no-cache git bash
COPY --from=terraform /bin/terraform /usr/local/bin/terraform
WORKDIR /module
COPY test/go.mod test/go.sum test/
RUN cd test && go mod download
COPY . .
ENV TF_IN_AUTOMATION=1 \
    TF_INPUT=0 \
    TF_PLUGIN_CACHE_DIR=/root/.terraform.d/plugin-cache
RUN mkdir -p "$TF_PLUGIN_CACHE_DIR" \
 && terraform fmt -check -recursive \
 && terraform init -backend=false \
 && terraform validate
WORKDIR /module/test
CMD ["go", "test", "-v", "-timeout", "30m", "./..."]
