# syntax=docker/dockerfile:1.4
FROM alpine:3.20

# Several commands in one heredoc run by the default shell.
RUN <<EOF
set -eu
apk add --no-cache nginx curl
mkdir -p /run/nginx /var/www/html
adduser -D -H -s /sbin/nologin www
EOF

# A config file written straight into the image.
COPY <<EOF /etc/nginx/http.d/default.conf
server {
    listen 8080 default_server;
    root /var/www/html;
    location /healthz {
        return 200 "ok\n";
    }
}
EOF

# Quoted delimiter: the body is not expanded.
COPY <<'EOT' /var/www/html/index.html
<!doctype html>
<title>$TITLE stays literal</title>
<p>Served by nginx from a heredoc.</p>
EOT

# A script with its own interpreter line.
RUN <<SCRIPT
#!/usr/bin/env sh
echo "nginx $(nginx -v 2>&1 | cut -d/ -f2)" > /etc/motd
SCRIPT

EXPOSE 8080
HEALTHCHECK --interval=15s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["nginx", "-g", "daemon off;"]
