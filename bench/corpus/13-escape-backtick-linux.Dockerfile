# escape=`
# syntax=docker/dockerfile:1
# The backtick escape works on Linux images too; backslashes are then literal.
FROM busybox:1.36
ENV WINDOWS_STYLE_PATH=C:\data\files `
    OTHER=value
RUN echo "a backslash \ stays" && `
    echo 'and the next line joins' && `
    printf '%s\n' done
COPY ["src\\weird name.txt", "/data/"]
CMD ["sh", "-c", "echo $WINDOWS_STYLE_PATH"]
