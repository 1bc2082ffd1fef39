# syntax=docker/dockerfile:1
ARG UBUNTU=24.04
FROM ubuntu:${UBUNTU} AS toolchain
ENV DEBIAN_FRONTEND=noninteractive
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      cmake ninja-build g++ ccache \
      libboost-program-options-dev libfmt-dev libspdlog-dev \
      ca-certificates

FROM toolchain AS build
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY src src
COPY tests tests
RUN --mount=type=cache,target=/root/.cache/ccache \
    cmake -S . -B /build -G Ninja \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
      -DCMAKE_INSTALL_PREFIX=/opt/tool \
 && cmake --build /build --parallel \
 && ctest --test-dir /build --output-on-failure \
 && cmake --install /build --strip

FROM ubuntu:${UBUNTU}
RUN apt-get update && apt-get install -y --no-install-recommends \
      libboost-program-options1.83.0 libfmt9 libspdlog1.12 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/tool /opt/tool
ENV PATH=/opt/tool/bin:$PATH
ENTRYPOINT ["tool"]
