FROM denoland/deno:alpine-1.45.2 AS build
WORKDIR /app
# deps.ts re-exports every remote import, so this layer caches them all.
COPY deno.json deno.lock deps.ts ./
RUN deno cache --lock=deno.lock deps.ts
COPY . .
RUN deno task check \
  && deno compile --allow-net --allow-env --output /app/server main.ts

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /app/server /server
EXPOSE 8000
ENTRYPOINT ["/server"]
