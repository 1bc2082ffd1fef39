# Single page app: build with node, serve the static files with nginx.
ARG NODE_VERSION=20.15.0
ARG NGINX_VERSION=1.27

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ARG PUBLIC_URL=/
ARG API_BASE_URL=https://api.example.com
ENV PUBLIC_URL=${PUBLIC_URL} \
    VITE_API_BASE_URL=${API_BASE_URL} \
    NODE_ENV=production
COPY . .
RUN npm run lint && npm run build

FROM nginx:${NGINX_VERSION}-alpine AS web
COPY nginx/default.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80
HEALTHCHECK CMD wget -q --spider http://127.0.0.1/ || exit 1
CMD ["nginx", "-g", "daemon off;"]
