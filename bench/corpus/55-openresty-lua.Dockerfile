ARG RESTY_IMAGE_BASE=openresty/openresty
ARG RESTY_IMAGE_TAG=1.25.3.1-alpine-fat
FROM ${RESTY_IMAGE_BASE}:${RESTY_IMAGE_TAG} AS rocks
RUN luarocks install lua-resty-jwt 0.2.3-0 \
 && luarocks install lua-resty-http 0.17.2-0 \
 && luarocks install lua-cjson 2.1.0.10-1

FROM openresty/openresty:1.25.3.1-alpine
COPY --from=rocks /usr/local/openresty/luajit/share/lua /usr/local/openresty/luajit/share/lua
COPY --from=rocks /usr/local/openresty/luajit/lib/lua /usr/local/openresty/luajit/lib/lua
COPY conf/nginx.conf /usr/local/openresty/nginx/conf/nginx.conf
COPY lua/ /usr/local/openresty/site/lualib/gateway/
ENV GATEWAY_UPSTREAM=http://backend:8080
EXPOSE 8000
STOPSIGNAL SIGQUIT
CMD ["/usr/local/openresty/bin/openresty", "-g", "daemon off;"]
