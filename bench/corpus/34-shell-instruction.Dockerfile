FROM debian:bookworm-slim
# Default shell form runs under /bin/sh -c.
RUN echo "sh: $0"

# Switch to bash with pipefail so a failing curl fails the pipe.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && curl -fsSL https://example.com/install.sh | bash -s -- --prefix=/usr/local \
    && rm -rf /var/lib/apt/lists/*

# Arrays and [[ ]] now work in RUN.
RUN tools=(jq yq); for t in "${tools[@]}"; do [[ -n "$t" ]] && echo "want $t"; done

SHELL ["/bin/sh", "-c"]
RUN echo "back to sh"
CMD echo "shell form CMD also uses the SHELL in force"
