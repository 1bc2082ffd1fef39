# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended,StageNameCasing;error=true
FROM alpine:3.20 AS Build
RUN echo building > /out.txt

FROM alpine:3.20
COPY --from=build /out.txt /out.txt
# Shell-form CMD would normally draw a warning; the directive above skips it.
CMD cat /out.txt
