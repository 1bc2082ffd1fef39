# syntax=docker/dockerfile:1.6
FROM debian:bookworm-slim AS tools
# A pinned remote file: the build fails if its digest changes.
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \
    https://mirrors.edge.kernel.org/pub/linux/kernel/Historic/linux-0.01.tar.gz /src/linux-0.01.tar.gz
# A git repository at a tag.
ADD --keep-git-dir=false https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit
# A local archive is unpacked.
ADD vendor/tools.tar.gz /opt/
ADD --chown=1000:1000 --chmod=640 config/*.ini /etc/app/
RUN ls -la /src /opt /etc/app

FROM tools AS verify
RUN sha256sum /src/linux-0.01.tar.gz > /checksums.txt
