# syntax=docker/dockerfile:1
FROM python:3.12-slim

# Two heredocs feed one command: the first is a file, the second stdin.
COPY <<EOF1 /app/one.txt <<EOF2 /app/two.txt
first file
EOF1
second file
EOF2

# <<- strips leading tabs from the body and from the delimiter line.
RUN <<-EOT
	set -e
	echo "indented with tabs"
	EOT

# A heredoc as stdin of a command in shell form.
RUN cat <<EOF > /etc/profile.d/app.sh
export APP_ENV=production
export APP_HOME=/app
EOF

# A Python program run by the interpreter named on its first line.
RUN <<PY
#!/usr/bin/env python3
import json, pathlib
pathlib.Path("/app/meta.json").write_text(json.dumps({"built": True}))
PY

# Expanded and literal bodies side by side.
ARG GREETING=hello
COPY <<EOF /app/expanded.txt
${GREETING} from an unquoted heredoc
EOF
COPY <<"EOF" /app/literal.txt
${GREETING} is not expanded here
EOF

# Heredoc with a custom interpreter via exec-like usage of the shell.
RUN python3 - <<'EOF'
import sys
print("python", sys.version_info[:2])
EOF

WORKDIR /app
CMD ["python3", "-c", "print(open('/app/meta.json').read())"]
