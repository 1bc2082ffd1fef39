# syntax=docker/dockerfile:1
FROM python:3.11-slim AS export
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu \
 && pip install onnx==1.16.1
WORKDIR /export
COPY model/ model/
COPY export.py .
RUN python export.py --checkpoint model/weights.pt --output /export/model.onnx

FROM python:3.11-slim AS serve
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install onnxruntime==1.18.1 fastapi==0.111.0 "uvicorn[standard]==0.30.1" numpy==1.26.4
WORKDIR /srv
COPY --from=export /export/model.onnx /models/model.onnx
COPY serve/ .
ENV MODEL_PATH=/models/model.onnx \
    OMP_NUM_THREADS=2
EXPOSE 8080
HEALTHCHECK --interval=20s --timeout=3s CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8080/health')"
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080", "--workers", "1"]
