package dev.berth.scaffold;

import java.util.Objects;

/**
 * A web application object found in the sources, such as {@code app = FastAPI()} in {@code
 * app/main.py}.
 *
 * @param framework the framework's distribution name: {@code fastapi}, {@code starlette}, {@code
 *     flask} or {@code django}
 * @param target what an application server is given: {@code app.main:app}, or for Django the
 *     settings package's {@code wsgi} module
 */
record AppObject(String framework, String target) {
  AppObject {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(target, "target");
  }

  /** Whether the object speaks ASGI (served by uvicorn) rather than WSGI. */
  public boolean asgi() {
    return framework.equals("fastapi") || framework.equals("starlette");
  }
}
