FROM python:3.12-alpine AS docs
RUN pip install --no-cache-dir mkdocs-material==9.5.29 mkdocs-minify-plugin==0.8.0 mkdocs-redirects==1.2.1
WORKDIR /docs
COPY mkdocs.yml .
COPY docs/ docs/
RUN mkdocs build --strict --site-dir /site

FROM docs AS serve
EXPOSE 8000
ENTRYPOINT ["mkdocs"]
CMD ["serve", "--dev-addr=0.0.0.0:8000"]

FROM nginx:1.27-alpine AS publish
COPY --from=docs /site /usr/share/nginx/html
