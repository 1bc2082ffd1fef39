FROM perl:5.40-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev libpq-dev make \
    && rm -rf /var/lib/apt/lists/*
RUN cpanm --notest App::cpm
WORKDIR /app
COPY cpanfile cpanfile.snapshot ./
RUN cpm install --workers 2 --without-test --local-lib-contained=/app/local

FROM perl:5.40-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/local /app/local
COPY . .
ENV PERL5LIB=/app/local/lib/perl5 PATH=/app/local/bin:$PATH
EXPOSE 5000
CMD ["plackup", "-s", "Starman", "--workers", "4", "-p", "5000", "app.psgi"]
