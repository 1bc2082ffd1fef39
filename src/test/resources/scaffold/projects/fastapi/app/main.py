"""A small web service: the FastAPI fixture of berth init."""

from fastapi import FastAPI

app = FastAPI(title="todo")


@app.get("/health")
def health():
    return {"ok": True}
