# Builds the thesis PDF; `docker build --output type=local,dest=out --target pdf .`
FROM texlive/texlive:latest-full AS latex
WORKDIR /doc
COPY *.tex *.bib ./
COPY figures/ figures/
COPY chapters/ chapters/
RUN latexmk -pdf -interaction=nonstopmode -halt-on-error thesis.tex

FROM scratch AS pdf
COPY --from=latex /doc/thesis.pdf /
