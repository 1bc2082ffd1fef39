FROM python:3.12-alpine
# Exec form with escapes inside JSON strings.
RUN ["/bin/sh", "-c", "printf '%s\\n' \"quoted \\\"words\\\"\" > /quoted.txt"]
RUN ["python", "-c", "import sys; print(sys.version)"]
# Not valid JSON, so this is shell form and runs as a shell command.
RUN [ -f /quoted.txt ] && echo present
COPY ["requirements dev.txt", "/tmp/requirements dev.txt"]
RUN pip install -r "/tmp/requirements dev.txt"
ENTRYPOINT ["python", "-u", "-m", "service"]
CMD ["--log-level", "debug", "--name", "unicode \u00e9t\u00e9"]
