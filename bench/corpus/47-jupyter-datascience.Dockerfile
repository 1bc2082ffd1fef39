# Notebook image for the analytics team, on top of the community minimal image.
ARG NOTEBOOK_BASE=quay.io/jupyter/minimal-notebook:2024-07-08
FROM ${NOTEBOOK_BASE}

LABEL org.opencontainers.image.authors="analytics@example.com"

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

USER root
# System libraries some Python wheels need at run time, plus ffmpeg for
# animations and graphviz for model diagrams.
RUN apt-get update --yes \
    && apt-get install --yes --no-install-recommends \
        ffmpeg \
        graphviz \
        libgl1 \
        libpq5 \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*

USER ${NB_UID}

# Pinned analysis stack; conda for the compiled parts, pip for the rest.
RUN mamba install --yes --channel conda-forge \
        'duckdb=1.0.*' \
        'geopandas=1.0.*' \
        'lightgbm=4.4.*' \
        'matplotlib-base=3.9.*' \
        'numpy=1.26.*' \
        'pandas=2.2.*' \
        'polars=1.2.*' \
        'pyarrow=16.*' \
        'scikit-learn=1.5.*' \
        'scipy=1.14.*' \
        'seaborn=0.13.*' \
        'statsmodels=0.14.*' \
    && mamba clean --all --force-pkgs-dirs --yes \
    && fix-permissions "${CONDA_DIR}" \
    && fix-permissions "/home/${NB_USER}"

COPY --chown=${NB_UID}:${NB_GID} requirements-pip.txt /tmp/
RUN pip install --no-cache-dir --requirement /tmp/requirements-pip.txt \
    && rm /tmp/requirements-pip.txt

# Import once so matplotlib builds its font cache at build time, not on first use.
ENV MPLBACKEND=Agg
RUN python -c "import matplotlib.pyplot, pandas, sklearn" \
    && fix-permissions "/home/${NB_USER}"

COPY --chown=${NB_UID}:${NB_GID} notebooks/ "/home/${NB_USER}/examples/"
WORKDIR "/home/${NB_USER}"
