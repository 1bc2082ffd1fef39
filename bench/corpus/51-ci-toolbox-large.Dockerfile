# syntax=docker/dockerfile:1
################################################################################
# CI toolbox: one image with every tool the pipelines call.
#
# Each tool is fetched in its own stage so that bumping one version only
# rebuilds that stage; the final stage copies the binaries together.
# Versions are global ARGs so CI can override them with --build-arg.
################################################################################

ARG DEBIAN_VERSION=bookworm
ARG GO_VERSION=1.22.5
ARG NODE_VERSION=20.15.1
ARG PYTHON_VERSION=3.12.4
ARG KUBECTL_VERSION=1.30.2
ARG HELM_VERSION=3.15.3
ARG KUSTOMIZE_VERSION=5.4.2
ARG TERRAFORM_VERSION=1.9.2
ARG TFLINT_VERSION=0.52.0
ARG SHELLCHECK_VERSION=0.10.0
ARG HADOLINT_VERSION=2.12.0
ARG YQ_VERSION=4.44.2
ARG JQ_VERSION=1.7.1
ARG TRIVY_VERSION=0.53.0
ARG CRANE_VERSION=0.20.1
ARG GH_VERSION=2.53.0
ARG SOPS_VERSION=3.9.0
ARG AGE_VERSION=1.2.0
ARG TASK_VERSION=3.38.0
ARG BATS_VERSION=1.11.0

################################################################################
# Shared downloader
################################################################################
FROM debian:${DEBIAN_VERSION}-slim AS fetcher
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates \
      curl \
      gnupg \
      unzip \
      xz-utils \
 && rm -rf /var/lib/apt/lists/*
# Every tool lands in /out/bin; checksums are verified where upstream publishes them.
RUN mkdir -p /out/bin /out/share
WORKDIR /tmp/dl
ARG TARGETARCH=amd64

################################################################################
# Kubernetes tools
################################################################################
FROM fetcher AS kubectl
ARG KUBECTL_VERSION
ARG TARGETARCH
RUN curl -fsSLo kubectl "https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl" \
 && curl -fsSLo kubectl.sha256 "https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl.sha256" \
 && echo "$(cat kubectl.sha256)  kubectl" | sha256sum --check \
 && install -m 0755 kubectl /out/bin/kubectl

FROM fetcher AS helm
ARG HELM_VERSION
ARG TARGETARCH
RUN curl -fsSLO "https://get.helm.sh/helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" \
 && curl -fsSLO "https://get.helm.sh/helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz.sha256sum" \
 && sha256sum --check "helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz.sha256sum" \
 && tar -xzf "helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" \
 && install -m 0755 "linux-${TARGETARCH}/helm" /out/bin/helm

FROM fetcher AS kustomize
ARG KUSTOMIZE_VERSION
ARG TARGETARCH
RUN curl -fsSL "https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv${KUSTOMIZE_VERSION}/kustomize_v${KUSTOMIZE_VERSION}_linux_${TARGETARCH}.tar.gz" \
    | tar -xz -C /out/bin kustomize

################################################################################
# Infrastructure as code
################################################################################
FROM fetcher AS terraform
ARG TERRAFORM_VERSION
ARG TARGETARCH
RUN curl -fsSLO "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_${TARGETARCH}.zip" \
 && curl -fsSLO "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_SHA256SUMS" \
 && grep "linux_${TARGETARCH}.zip" "terraform_${TERRAFORM_VERSION}_SHA256SUMS" | sha256sum --check \
 && unzip -q "terraform_${TERRAFORM_VERSION}_linux_${TARGETARCH}.zip" -d /out/bin

FROM fetcher AS tflint
ARG TFLINT_VERSION
ARG TARGETARCH
RUN curl -fsSLO "https://github.com/terraform-linters/tflint/releases/download/v${TFLINT_VERSION}/tflint_linux_${TARGETARCH}.zip" \
 && unzip -q "tflint_linux_${TARGETARCH}.zip" -d /out/bin

FROM fetcher AS sops
ARG SOPS_VERSION
ARG AGE_VERSION
ARG TARGETARCH
RUN curl -fsSLo /out/bin/sops "https://github.com/getsops/sops/releases/download/v${SOPS_VERSION}/sops-v${SOPS_VERSION}.linux.${TARGETARCH}" \
 && chmod 0755 /out/bin/sops \
 && curl -fsSL "https://github.com/FiloSottile/age/releases/download/v${AGE_VERSION}/age-v${AGE_VERSION}-linux-${TARGETARCH}.tar.gz" \
    | tar -xz --strip-components=1 -C /out/bin age/age age/age-keygen

################################################################################
# Linters
################################################################################
FROM fetcher AS shellcheck
ARG SHELLCHECK_VERSION
RUN curl -fsSL "https://github.com/koalaman/shellcheck/releases/download/v${SHELLCHECK_VERSION}/shellcheck-v${SHELLCHECK_VERSION}.linux.x86_64.tar.xz" \
    | tar -xJ --strip-components=1 -C /out/bin "shellcheck-v${SHELLCHECK_VERSION}/shellcheck"

FROM fetcher AS hadolint
ARG HADOLINT_VERSION
RUN curl -fsSLo /out/bin/hadolint "https://github.com/hadolint/hadolint/releases/download/v${HADOLINT_VERSION}/hadolint-Linux-x86_64" \
 && chmod 0755 /out/bin/hadolint

FROM fetcher AS yq
ARG YQ_VERSION
ARG JQ_VERSION
ARG TARGETARCH
RUN curl -fsSLo /out/bin/yq "https://github.com/mikefarah/yq/releases/download/v${YQ_VERSION}/yq_linux_${TARGETARCH}" \
 && curl -fsSLo /out/bin/jq "https://github.com/jqlang/jq/releases/download/jq-${JQ_VERSION}/jq-linux-${TARGETARCH}" \
 && chmod 0755 /out/bin/yq /out/bin/jq

################################################################################
# Supply chain
################################################################################
FROM fetcher AS trivy
ARG TRIVY_VERSION
RUN curl -fsSL "https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz" \
    | tar -xz -C /out/bin trivy

FROM fetcher AS crane
ARG CRANE_VERSION
RUN curl -fsSL "https://github.com/google/go-containerregistry/releases/download/v${CRANE_VERSION}/go-containerregistry_Linux_x86_64.tar.gz" \
    | tar -xz -C /out/bin crane

FROM fetcher AS gh
ARG GH_VERSION
ARG TARGETARCH
RUN curl -fsSL "https://github.com/cli/cli/releases/download/v${GH_VERSION}/gh_${GH_VERSION}_linux_${TARGETARCH}.tar.gz" \
    | tar -xz --strip-components=2 -C /out/bin "gh_${GH_VERSION}_linux_${TARGETARCH}/bin/gh"

################################################################################
# Task runner and shell testing
################################################################################
FROM fetcher AS task
ARG TASK_VERSION
ARG TARGETARCH
RUN curl -fsSL "https://github.com/go-task/task/releases/download/v${TASK_VERSION}/task_linux_${TARGETARCH}.tar.gz" \
    | tar -xz -C /out/bin task

FROM fetcher AS bats
ARG BATS_VERSION
RUN curl -fsSL "https://github.com/bats-core/bats-core/archive/refs/tags/v${BATS_VERSION}.tar.gz" \
    | tar -xz -C /tmp \
 && "/tmp/bats-core-${BATS_VERSION}/install.sh" /out/share/bats \
 && ln -s ../share/bats/bin/bats /out/bin/bats

################################################################################
# Language toolchains
################################################################################
FROM golang:${GO_VERSION}-${DEBIAN_VERSION} AS gotools
ENV GOBIN=/out/bin CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.59.1 \
 && go install gotest.tools/gotestsum@v1.12.0 \
 && go install github.com/google/go-licenses@v1.6.0 \
 && go install mvdan.cc/sh/v3/cmd/shfmt@v3.8.0 \
 && go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.1

FROM node:${NODE_VERSION}-${DEBIAN_VERSION}-slim AS nodetools
RUN --mount=type=cache,target=/root/.npm \
    npm install --global --prefix /out \
      markdownlint-cli2@0.13.0 \
      prettier@3.3.3 \
      @commitlint/cli@19.3.0 \
      @commitlint/config-conventional@19.2.2 \
      renovate@37.431.4

FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS pytools
ENV PIPX_HOME=/out/pipx PIPX_BIN_DIR=/out/bin
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install pipx==1.6.0 \
 && pipx install pre-commit==3.7.1 \
 && pipx install yamllint==1.35.1 \
 && pipx install ansible-core==2.17.1 \
 && pipx install checkov==3.2.190 \
 && pipx install poetry==1.8.3 \
 && pipx install ruff==0.5.2

################################################################################
# Final image
################################################################################
FROM debian:${DEBIAN_VERSION}-slim AS toolbox
ARG DEBIAN_VERSION
ARG GO_VERSION
ARG NODE_VERSION
ARG PYTHON_VERSION
ARG CI_USER=ci
ARG CI_UID=1001
ARG CI_GID=1001

LABEL org.opencontainers.image.title="ci-toolbox" \
      org.opencontainers.image.description="Every tool our pipelines call, in one image" \
      org.opencontainers.image.vendor="Example Platform Team" \
      org.opencontainers.image.base.name="debian:${DEBIAN_VERSION}-slim" \
      io.example.toolbox.go="${GO_VERSION}" \
      io.example.toolbox.node="${NODE_VERSION}" \
      io.example.toolbox.python="${PYTHON_VERSION}"

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    TZ=Etc/UTC \
    PATH=/usr/local/go/bin:/opt/node/bin:/opt/tools/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIPX_HOME=/opt/tools/pipx

# System packages: version control, build basics, archive tools and a few
# debugging helpers people keep asking for in failed jobs.
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      bash \
      bzip2 \
      ca-certificates \
      curl \
      file \
      git \
      git-lfs \
      gnupg \
      jq \
      less \
      make \
      openssh-client \
      patch \
      procps \
      rsync \
      sudo \
      tar \
      tzdata \
      unzip \
      wget \
      xz-utils \
      zip \
      zstd \
 && git lfs install --system

# Language runtimes come from the official images.
COPY --from=gotools /usr/local/go /usr/local/go
COPY --from=nodetools /usr/local/bin/node /opt/node/bin/node
COPY --from=nodetools /usr/local/lib/node_modules/npm /opt/node/lib/node_modules/npm
COPY --from=pytools /usr/local /usr/local

# Tools, one COPY per stage so each stays its own layer.
COPY --from=kubectl /out/bin/ /opt/tools/bin/
COPY --from=helm /out/bin/ /opt/tools/bin/
COPY --from=kustomize /out/bin/ /opt/tools/bin/
COPY --from=terraform /out/bin/ /opt/tools/bin/
COPY --from=tflint /out/bin/ /opt/tools/bin/
COPY --from=sops /out/bin/ /opt/tools/bin/
COPY --from=shellcheck /out/bin/ /opt/tools/bin/
COPY --from=hadolint /out/bin/ /opt/tools/bin/
COPY --from=yq /out/bin/ /opt/tools/bin/
COPY --from=trivy /out/bin/ /opt/tools/bin/
COPY --from=crane /out/bin/ /opt/tools/bin/
COPY --from=gh /out/bin/ /opt/tools/bin/
COPY --from=task /out/bin/ /opt/tools/bin/
COPY --from=bats /out/ /opt/tools/
COPY --from=gotools /out/bin/ /opt/tools/bin/
COPY --from=nodetools /out/ /opt/tools/
COPY --from=pytools /out/ /opt/tools/

# Smoke test: every tool must start. A missing shared library fails here,
# not in somebody's pipeline.
RUN <<EOF
set -eu
for tool in kubectl helm kustomize terraform tflint sops age shellcheck \
            hadolint yq trivy crane gh task bats golangci-lint gotestsum \
            shfmt actionlint prettier markdownlint-cli2 pre-commit yamllint \
            ansible checkov poetry ruff; do
  if ! command -v "$tool" >/dev/null; then
    echo "missing: $tool" >&2
    exit 1
  fi
done
go version
node --version
python3 --version
EOF

# Non-root user that may use sudo for apt in jobs that need extra packages.
RUN groupadd --gid "${CI_GID}" "${CI_USER}" \
 && useradd --uid "${CI_UID}" --gid "${CI_GID}" --create-home --shell /bin/bash "${CI_USER}" \
 && echo "${CI_USER} ALL=(root) NOPASSWD:/usr/bin/apt-get" > "/etc/sudoers.d/${CI_USER}" \
 && chmod 0440 "/etc/sudoers.d/${CI_USER}"

COPY <<EOF /etc/gitconfig
[safe]
	directory = *
[init]
	defaultBranch = main
[advice]
	detachedHead = false
EOF

COPY --chmod=0755 <<'EOF' /usr/local/bin/toolbox-versions
#!/usr/bin/env bash
# Prints the version of every tool, for job logs.
set -u
for t in kubectl helm terraform trivy gh task go node python3; do
  printf '%-12s ' "$t"
  case "$t" in
    kubectl) kubectl version --client 2>/dev/null | head -1 ;;
    go) go version ;;
    *) "$t" --version 2>/dev/null | head -1 ;;
  esac
done
EOF

USER ${CI_USER}
WORKDIR /home/${CI_USER}/work
ENTRYPOINT ["/bin/bash", "-lc"]
CMD ["toolbox-versions"]

################################################################################
# Variant with docker CLI and buildx for jobs that talk to a remote builder
################################################################################
FROM toolbox AS toolbox-docker
USER root
RUN install -m 0755 -d /etc/apt/keyrings \
 && curl -fsSL https://download.docker.com/linux/debian/gpg -o /etc/apt/keyrings/docker.asc \
 && chmod a+r /etc/apt/keyrings/docker.asc \
 && echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable" \
      > /etc/apt/sources.list.d/docker.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends docker-ce-cli docker-buildx-plugin docker-compose-plugin \
 && rm -rf /var/lib/apt/lists/*
ARG CI_USER=ci
USER ${CI_USER}
