FROM conanio/gcc13:2.4.1 AS deps
USER root
WORKDIR /project
COPY conanfile.py ./
COPY profiles/ profiles/
RUN conan profile detect --force \
    && conan install . --output-folder=build --build=missing -pr:h profiles/release -pr:b profiles/release

FROM deps AS build
COPY . .
RUN cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=build/conan_toolchain.cmake -DCMAKE_BUILD_TYPE=Release \
    && cmake --build build -j 2 \
    && cmake --install build --prefix /install

FROM gcr.io/distroless/cc-debian12
COPY --from=build /install/bin/imgconv /usr/bin/imgconv
ENTRYPOINT ["/usr/bin/imgconv"]
CMD ["--help"]
