# syntax=docker/dockerfile:1
# =============================================================================
# Team workstation image for dev containers.
#
#   base      OS packages, locale, non-root user with the host's UID/GID
#   python    pyenv-free CPython from the official image + pipx tools
#   node      Node.js for front-end work and language servers
#   cloud     cloud CLIs (aws, gcloud, az) kept in their own layers
#   shell     zsh, starship, fzf, dotfiles defaults
#   dev       everything above; the target a devcontainer.json points at
#   ci        the same toolchain without the interactive bits
# =============================================================================

ARG DEBIAN_VERSION=bookworm
ARG PYTHON_VERSION=3.12.4
ARG NODE_VERSION=20.15.1
ARG USERNAME=dev
ARG USER_UID=1000
ARG USER_GID=1000
ARG WORKSPACE=/workspaces/project

# -----------------------------------------------------------------------------
# Sources for language runtimes: copied out, never used as a base.
# -----------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS python-dist
FROM node:${NODE_VERSION}-${DEBIAN_VERSION}-slim AS node-dist

# -----------------------------------------------------------------------------
# base
# -----------------------------------------------------------------------------
FROM debian:${DEBIAN_VERSION} AS base
ARG DEBIAN_VERSION
ARG USERNAME
ARG USER_UID
ARG USER_GID

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=en_US.UTF-8 \
    LANGUAGE=en_US:en \
    LC_ALL=en_US.UTF-8 \
    TZ=Etc/UTC \
    EDITOR=vim \
    PAGER=less

# Keep downloaded packages between builds; the cache mount is not part of
# the image, so nothing needs cleaning afterwards.
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      # basics
      apt-transport-https \
      bash-completion \
      ca-certificates \
      curl \
      dirmngr \
      gnupg \
      locales \
      lsb-release \
      sudo \
      tzdata \
      wget \
      # version control
      git \
      git-lfs \
      openssh-client \
      # build
      build-essential \
      cmake \
      libbz2-dev \
      libffi-dev \
      liblzma-dev \
      libncursesw5-dev \
      libreadline-dev \
      libsqlite3-dev \
      libssl-dev \
      libxml2-dev \
      libxmlsec1-dev \
      pkg-config \
      tk-dev \
      uuid-dev \
      zlib1g-dev \
      # databases
      libpq-dev \
      postgresql-client \
      redis-tools \
      sqlite3 \
      # everyday tools
      bat \
      direnv \
      fd-find \
      htop \
      jq \
      less \
      lsof \
      man-db \
      net-tools \
      procps \
      ripgrep \
      rsync \
      strace \
      tmux \
      tree \
      unzip \
      vim \
      xz-utils \
      zip \
      zsh \
 && sed -i -e 's/# en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen \
 && locale-gen \
 && ln -s /usr/bin/batcat /usr/local/bin/bat \
 && ln -s /usr/bin/fdfind /usr/local/bin/fd

# A user whose IDs match the host user, so files written into the bind-mounted
# workspace keep the right owner. The group may already exist (GID 1000 in some
# images); reuse it then.
RUN if getent group "${USER_GID}" >/dev/null; then \
      groupmod --new-name "${USERNAME}" "$(getent group "${USER_GID}" | cut -d: -f1)"; \
    else \
      groupadd --gid "${USER_GID}" "${USERNAME}"; \
    fi \
 && useradd --uid "${USER_UID}" --gid "${USER_GID}" --create-home --shell /bin/zsh "${USERNAME}" \
 && echo "${USERNAME} ALL=(root) NOPASSWD:ALL" > "/etc/sudoers.d/${USERNAME}" \
 && chmod 0440 "/etc/sudoers.d/${USERNAME}"

# -----------------------------------------------------------------------------
# python
# -----------------------------------------------------------------------------
FROM base AS python
ARG PYTHON_VERSION
COPY --from=python-dist /usr/local/ /usr/local/
RUN ldconfig \
 && python3 --version \
 && python3 -m pip install --no-cache-dir --upgrade pip pipx
ENV PIPX_HOME=/opt/pipx \
    PIPX_BIN_DIR=/usr/local/bin \
    PYTHONDONTWRITEBYTECODE=1 \
    POETRY_VIRTUALENVS_IN_PROJECT=true \
    UV_LINK_MODE=copy
RUN --mount=type=cache,target=/root/.cache/pip \
    pipx install poetry==1.8.3 \
 && pipx inject poetry poetry-plugin-export==1.8.0 \
 && pipx install uv==0.2.27 \
 && pipx install ruff==0.5.2 \
 && pipx install mypy==1.10.1 \
 && pipx install pre-commit==3.7.1 \
 && pipx install nox==2024.4.15 \
 && pipx install httpie==3.2.3 \
 && pipx install ipython==8.26.0

# -----------------------------------------------------------------------------
# node
# -----------------------------------------------------------------------------
FROM python AS node
ARG NODE_VERSION
COPY --from=node-dist /usr/local/bin/node /usr/local/bin/node
COPY --from=node-dist /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \
 && corepack enable \
 && npm install --global --no-fund --no-audit \
      pyright@1.1.371 \
      bash-language-server@5.4.0 \
      yaml-language-server@1.15.0 \
      dockerfile-language-server-nodejs@0.13.0 \
      @devcontainers/cli@0.65.0 \
 && npm cache clean --force \
 && node --version && npm --version

# -----------------------------------------------------------------------------
# cloud CLIs
# -----------------------------------------------------------------------------
FROM node AS cloud
ARG TARGETARCH=amd64
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# AWS CLI v2 ships its own installer.
RUN case "${TARGETARCH}" in \
      amd64) AWS_ARCH=x86_64 ;; \
      arm64) AWS_ARCH=aarch64 ;; \
      *) echo "no AWS CLI for ${TARGETARCH}" >&2; exit 1 ;; \
    esac \
 && curl -fsSLo /tmp/awscliv2.zip "https://awscli.amazonaws.com/awscli-exe-linux-${AWS_ARCH}.zip" \
 && unzip -q /tmp/awscliv2.zip -d /tmp \
 && /tmp/aws/install --bin-dir /usr/local/bin --install-dir /usr/local/aws-cli \
 && rm -rf /tmp/aws /tmp/awscliv2.zip

# Google Cloud SDK from its apt repository.
RUN curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg \
      | gpg --dearmor -o /usr/share/keyrings/cloud.google.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt cloud-sdk main" \
      > /etc/apt/sources.list.d/google-cloud-sdk.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends google-cloud-cli google-cloud-cli-gke-gcloud-auth-plugin \
 && rm -rf /var/lib/apt/lists/*

# Azure CLI from Microsoft's repository.
RUN curl -fsSL https://packages.microsoft.com/keys/microsoft.asc \
      | gpg --dearmor -o /usr/share/keyrings/microsoft.gpg \
 && echo "deb [arch=${TARGETARCH} signed-by=/usr/share/keyrings/microsoft.gpg] https://packages.microsoft.com/repos/azure-cli/ $(lsb_release -cs) main" \
      > /etc/apt/sources.list.d/azure-cli.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends azure-cli \
 && rm -rf /var/lib/apt/lists/*

SHELL ["/bin/sh", "-c"]

# -----------------------------------------------------------------------------
# shell
# -----------------------------------------------------------------------------
FROM cloud AS shell
ARG USERNAME
ARG STARSHIP_VERSION=1.19.0
ARG FZF_VERSION=0.54.0

RUN curl -fsSL "https://github.com/starship/starship/releases/download/v${STARSHIP_VERSION}/starship-x86_64-unknown-linux-musl.tar.gz" \
      | tar -xz -C /usr/local/bin starship \
 && curl -fsSL "https://github.com/junegunn/fzf/releases/download/v${FZF_VERSION}/fzf-${FZF_VERSION}-linux_amd64.tar.gz" \
      | tar -xz -C /usr/local/bin fzf

COPY <<'EOF' /etc/zsh/zshrc.d/10-history.zsh
HISTFILE="${HOME}/.cache/zsh_history"
HISTSIZE=50000
SAVEHIST=50000
setopt share_history hist_ignore_dups hist_reduce_blanks
EOF

COPY <<'EOF' /etc/zsh/zshrc.d/20-tools.zsh
eval "$(starship init zsh)"
eval "$(direnv hook zsh)"
source <(fzf --zsh)
alias ll='ls -alF --color=auto'
alias gs='git status -sb'
alias dc='docker compose'
EOF

COPY <<EOF /etc/zsh/zshrc
# Written by the workstation image; per-user settings go in ~/.zshrc.local.
for f in /etc/zsh/zshrc.d/*.zsh; do source "\$f"; done
[ -f "\$HOME/.zshrc.local" ] && source "\$HOME/.zshrc.local"
EOF

COPY <<EOF /etc/starship.toml
add_newline = false
command_timeout = 1000

[python]
format = 'via [\${symbol}\${pyenv_prefix}(\${version} )(\(\$virtualenv\) )](\$style)'

[git_status]
disabled = false
EOF
ENV STARSHIP_CONFIG=/etc/starship.toml

# -----------------------------------------------------------------------------
# dev: what devcontainer.json builds (target: dev)
# -----------------------------------------------------------------------------
FROM shell AS dev
ARG USERNAME
ARG USER_UID
ARG USER_GID
ARG WORKSPACE

LABEL dev.containers.id="team-workstation" \
      devcontainer.metadata='[{"remoteUser":"dev","containerEnv":{"PYTHONUNBUFFERED":"1"}}]'

RUN mkdir -p "${WORKSPACE}" "/home/${USERNAME}/.cache" "/home/${USERNAME}/.local/bin" \
 && chown -R "${USER_UID}:${USER_GID}" "${WORKSPACE}" "/home/${USERNAME}"

# Volumes so caches survive a rebuild of the container.
VOLUME ["/home/dev/.cache"]

USER ${USERNAME}
WORKDIR ${WORKSPACE}
ENV PATH=/home/${USERNAME}/.local/bin:${PATH} \
    SHELL=/bin/zsh

COPY --chown=${USER_UID}:${USER_GID} <<'EOF' /home/dev/.zshrc.local
# Your settings here; this file is yours to change.
EOF

RUN git config --global init.defaultBranch main \
 && git config --global pull.rebase true \
 && git config --global core.editor vim

CMD ["sleep", "infinity"]

# -----------------------------------------------------------------------------
# ci: same toolchain, no interactive shell setup
# -----------------------------------------------------------------------------
FROM cloud AS ci
ARG USERNAME
ARG WORKSPACE
ENV CI=true
RUN mkdir -p "${WORKSPACE}" && chown "${USERNAME}" "${WORKSPACE}"
USER ${USERNAME}
WORKDIR ${WORKSPACE}
ENTRYPOINT ["/bin/bash", "-c"]
CMD ["pre-commit run --all-files && nox"]
