# Build wheels once, install them into a slim image without compilers.
FROM python:3.11 AS wheels
WORKDIR /wheels
COPY requirements.txt /tmp/requirements.txt
RUN pip wheel --wheel-dir /wheels -r /tmp/requirements.txt

FROM python:3.11-slim
COPY --from=wheels /wheels /wheels
COPY --from=wheels /tmp/requirements.txt /tmp/requirements.txt
RUN pip install --no-index --find-links=/wheels -r /tmp/requirements.txt \
    && rm -rf /wheels /root/.cache
WORKDIR /app
COPY . .
ENTRYPOINT ["python", "-m", "worker"]
CMD ["--concurrency", "4"]
