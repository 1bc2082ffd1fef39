ARG NGINX_VERSION=1.27.0
FROM nginx:${NGINX_VERSION} AS builder
ARG NGINX_VERSION
ARG HEADERS_MORE_VERSION=0.37
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpcre2-dev zlib1g-dev libssl-dev wget \
 && wget -q "https://nginx.org/download/nginx-${NGINX_VERSION}.tar.gz" \
 && wget -q -O headers-more.tar.gz "https://github.com/openresty/headers-more-nginx-module/archive/v${HEADERS_MORE_VERSION}.tar.gz" \
 && tar -xzf "nginx-${NGINX_VERSION}.tar.gz" \
 && tar -xzf headers-more.tar.gz \
 && cd "nginx-${NGINX_VERSION}" \
 # configure with the same flags the packaged nginx used, plus the module
 && eval ./configure $(nginx -V 2>&1 | sed -n 's/^configure arguments: //p') \
      --add-dynamic-module="../headers-more-nginx-module-${HEADERS_MORE_VERSION}" \
 && make modules \
 && cp objs/ngx_http_headers_more_filter_module.so /ngx_http_headers_more_filter_module.so

FROM nginx:${NGINX_VERSION}
COPY --from=builder /ngx_http_headers_more_filter_module.so /etc/nginx/modules/
RUN sed -i '1i load_module modules/ngx_http_headers_more_filter_module.so;' /etc/nginx/nginx.conf
COPY conf.d/ /etc/nginx/conf.d/
