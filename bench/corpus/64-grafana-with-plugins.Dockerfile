ARG GRAFANA_VERSION=11.1.0
FROM node:20-alpine AS plugin
WORKDIR /plugin
COPY plugins/traffic-panel/package.json plugins/traffic-panel/yarn.lock ./
RUN yarn install --frozen-lockfile
COPY plugins/traffic-panel/ ./
RUN yarn build && yarn sign || echo "unsigned build"

FROM grafana/grafana-oss:${GRAFANA_VERSION}
ENV GF_INSTALL_PLUGINS="grafana-clock-panel,grafana-piechart-panel" \
    GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS=example-traffic-panel \
    GF_PATHS_PROVISIONING=/etc/grafana/provisioning
COPY --from=plugin /plugin/dist /var/lib/grafana/plugins/example-traffic-panel
COPY provisioning/ /etc/grafana/provisioning/
COPY dashboards/ /var/lib/grafana/dashboards/
USER grafana
