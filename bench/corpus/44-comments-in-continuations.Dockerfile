FROM debian:bookworm-slim

# Comment lines and blank lines inside a continued instruction are dropped.
RUN apt-get update \
# networking tools
    && apt-get install -y --no-install-recommends \
        curl \
        # dig and friends
        dnsutils \
        iproute2 \

        # traceroute for the on-call runbook
        traceroute \
    && rm -rf /var/lib/apt/lists/*

ENV A=1 \
    # a comment between two variables
    B=2

# A trailing backslash followed by spaces still continues the line.
RUN echo one \   
    two
# The file ends without a newline after the last instruction.
CMD ["sleep", "infinity"]