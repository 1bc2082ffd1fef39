FROM haskell:9.6-slim AS build
WORKDIR /opt/app
RUN cabal update
COPY app.cabal cabal.project cabal.project.freeze ./
RUN cabal build --only-dependencies -j2
COPY . .
RUN cabal install --installdir=/out --install-method=copy exe:app

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libgmp10 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /usr/local/bin/app
CMD ["app"]
